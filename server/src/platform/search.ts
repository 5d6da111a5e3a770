// Chinese full-text search that every module registers its text with. Text is indexed twice:
// as jieba words (for relevance and similarity later) and as character bigrams, so that any part
// of two or more characters is found: jieba alone would not find 小伟 in 王小伟, and SQLite's
// trigram tokenizer finds nothing shorter than three characters.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from './db/dialect.js';
import type { Trx } from './context.js';

const jieba = Jieba.withDict(dict);

const TOKEN = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
// A private-use character is a token that no query can produce: between two fields it keeps a
// phrase from matching across them.
const FIELD_BREAK = ' \uE000 ';
const HAN = /\p{Script=Han}/u;

/** Search words of a text: jieba's fine-grained cut, lower case, without punctuation. */
export function words(text: string): string[] {
  return jieba
    .cutForSearch(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => WORD_CHAR.test(w));
}

/** The text cut into jieba's words in reading order, punctuation and spaces kept as pieces: joined, they give the text back. */
export function segments(text: string): string[] {
  return jieba.cut(text, true);
}

/** Character bigrams of each Han run, plus whole words of other scripts (latin, digits). */
export function grams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(TOKEN) ?? []) {
    const chars = [...run];
    if (!chars.some((c) => HAN.test(c))) {
      out.push(run);
      continue;
    }
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

export interface SearchDocument {
  entityType: string;
  entityId: number;
  /** Each field separately, so that no bigram spans two fields. */
  fields: (string | null | undefined)[];
}

/**
 * One index table per kind of record, keyed by the record's own id (`rowid`), so that a search
 * joins its records directly and walks them in id order: the first page of a common word costs
 * as little as that of a rare one. Called by the migration that creates the records' table; on
 * SQLite it may go to an attached database file (`sqliteSchema`).
 */
export async function createSearchIndex(db: Kysely<any>, dialect: Dialect, entityType: string, sqliteSchema?: string): Promise<void> {
  const table = tableOf(entityType);
  if (dialect === 'sqlite') {
    // The tokens stay readable (similar-case detection compares the words of two records).
    await sql`create virtual table ${sql.table(sqliteSchema ? `${sqliteSchema}.${table}` : table)} using fts5(words, grams, tokenize='unicode61')`.execute(db);
    return;
  }
  await sql`create table ${sql.table(table)} (
    rowid integer primary key,
    words text not null,
    grams text not null,
    words_tsv tsvector generated always as (to_tsvector('simple', words)) stored,
    grams_tsv tsvector generated always as (to_tsvector('simple', grams)) stored)`.execute(db);
  // Without a pending list every search reads the index only, not the rows added since the last
  // vacuum (which, right after a bulk load, made a nine-match search read 160 pages).
  await sql`create index ${sql.id(`${table}_words`)} on ${sql.table(table)} using gin (words_tsv) with (fastupdate = off)`.execute(db);
  await sql`create index ${sql.id(`${table}_grams`)} on ${sql.table(table)} using gin (grams_tsv) with (fastupdate = off)`.execute(db);
}

function tableOf(entityType: string): string {
  if (!/^[a-z_]+$/.test(entityType)) throw new Error(`bad search entity type ${entityType}`);
  return `search_${entityType}`;
}

/** The indexed form of a record's fields: jieba words, and bigrams kept apart field by field. */
export function searchTokens(fields: (string | null | undefined)[]): { words: string; grams: string } {
  const present = fields.filter((f): f is string => !!f);
  return { words: present.flatMap(words).join(' '), grams: present.map((f) => grams(f).join(' ')).join(FIELD_BREAK) };
}

export interface IndexedTokens {
  entityId: number;
  words: string;
  grams: string;
}

/** Adds or replaces the indexed text of records (the same statements on both databases). */
export async function indexDocuments(db: Trx, docs: SearchDocument[]): Promise<void> {
  for (const type of new Set(docs.map((d) => d.entityType)))
    if (type !== docs[0]!.entityType) throw new Error('index one kind of record at a time');
  if (docs.length) await indexTokens(db, docs[0]!.entityType, docs.map((doc) => ({ entityId: doc.entityId, ...searchTokens(doc.fields) })));
}

/** Adds or replaces records whose tokens were already computed with searchTokens. */
export async function indexTokens(db: Trx, entityType: string, docs: IndexedTokens[]): Promise<void> {
  const table = sql.table(tableOf(entityType));
  for (let i = 0; i < docs.length; i += 200) {
    const chunk = docs.slice(i, i + 200);
    await sql`delete from ${table} where rowid in (${sql.join(chunk.map((d) => d.entityId))})`.execute(db);
    await sql`insert into ${table} (rowid, words, grams) values ${sql.join(chunk.map((d) => sql`(${d.entityId}, ${d.words}, ${d.grams})`))}`.execute(db);
  }
}

export async function removeDocument(db: Trx, entityType: string, entityId: number): Promise<void> {
  await sql`delete from ${sql.table(tableOf(entityType))} where rowid = ${entityId}`.execute(db);
}

/**
 * A query of the ids (column `id`) of records whose text contains every term of the query; use it
 * in `id in (…)` or join it as a table and order by its id. Null when the query has no searchable term.
 */
export function matchingIds(dialect: Dialect, entityType: string, query: string): RawBuilder<{ id: number }> | null {
  const terms = query.split(/\s+/).filter(Boolean).map((t) => grams(t)).filter((g) => g.length > 0);
  if (terms.length === 0) return null;
  const table = tableOf(entityType);
  return dialect === 'sqlite' ? sqliteMatch(table, terms) : postgresMatch(table, terms);
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;
const singleCharacter = (g: string[]) => g.length === 1 && [...g[0]!].length === 1;

function sqliteMatch(table: string, terms: string[][]) {
  // Each term is a phrase of its bigrams (consecutive, so it matches the exact characters); a
  // single character matches the bigrams that begin with it.
  const expr = terms.map((g) => (singleCharacter(g) ? `grams : ${quote(g[0]!)}*` : `grams : ${quote(g.join(' '))}`)).join(' AND ');
  return sql<{ id: number }>`select rowid as id from ${sql.table(table)} where ${sql.table(table)} match ${expr}`;
}

function postgresMatch(table: string, terms: string[][]) {
  const conditions = terms.map((g) =>
    singleCharacter(g)
      ? sql`grams_tsv @@ to_tsquery('simple', ${`'${g[0]!.replace(/'/g, "''")}':*`})`
      : sql`grams_tsv @@ phraseto_tsquery('simple', ${g.join(' ')})`,
  );
  return sql<{ id: number }>`select rowid as id from ${sql.table(table)} where ${sql.join(conditions, sql` and `)}`;
}

/**
 * The latest earlier records (id below `beforeId`) that share telling words with `text`: the few
 * candidates worth a closer comparison, found through the index instead of reading every record.
 * Newest first rather than best first: ranking every match would cost more as the year fills up.
 */
export function similarCandidates(dialect: Dialect, entityType: string, text: string, beforeId: number, limit: number): RawBuilder<{ id: number }> | null {
  return candidates(dialect, entityType, words(text), sql`rowid < ${beforeId}`, limit);
}

/**
 * The same for a record whose words are known (its own `words` column split on spaces): the
 * latest other records, earlier or later, that share telling words with it.
 */
export function similarCandidatesOf(dialect: Dialect, entityType: string, wordList: string[], id: number, limit: number): RawBuilder<{ id: number }> | null {
  return candidates(dialect, entityType, wordList, sql`rowid <> ${id}`, limit);
}

function candidates(dialect: Dialect, entityType: string, wordList: string[], which: RawBuilder<unknown>, limit: number) {
  const counts = new Map<string, number>();
  for (const w of wordList) if ([...w].length > 1) counts.set(w, (counts.get(w) ?? 0) + 1);
  // The longer words say most about a concern (托育服务 more than 问题).
  const chosen = [...counts.keys()].sort((a, b) => [...b].length - [...a].length || (counts.get(b) ?? 0) - (counts.get(a) ?? 0)).slice(0, 12);
  if (chosen.length === 0) return null;
  const table = sql.table(tableOf(entityType));
  if (dialect === 'sqlite') {
    const expr = chosen.map((w) => `words : ${quote(w)}`).join(' OR ');
    return sql<{ id: number }>`select rowid as id from ${table} where ${table} match ${expr} and ${which} order by rowid desc limit ${limit}`;
  }
  const query = chosen.map((w) => `'${w.replace(/'/g, "''")}'`).join(' | ');
  return sql<{ id: number }>`select rowid as id from ${table} where words_tsv @@ to_tsquery('simple', ${query}) and ${which}
    order by rowid desc limit ${limit}`;
}

/** Word counts of a text's jieba words, the vector similar-case detection compares. */
export type WordVector = Map<string, number>;

export function wordVector(tokens: Iterable<string>): WordVector {
  const v: WordVector = new Map();
  // Single characters (的, 了, 在 …) carry little meaning and make unrelated texts look alike.
  for (const w of tokens) if ([...w].length > 1) v.set(w, (v.get(w) ?? 0) + 1);
  return v;
}

export function cosine(a: WordVector, b: WordVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function weigh(tf: Map<string, number>, idf: (w: string) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [w, n] of tf) out.set(w, (1 + Math.log(n)) * idf(w));
  return out;
}

/**
 * The `top` candidates closest to `text` by the cosine of TF-IDF weighted words, best first, each
 * with its score rounded to 0.001. Document frequencies are taken over the candidates: words most
 * of them share count for little. Used by every module's "similar earlier cases".
 */
export function rankBySimilarity<R extends { id: number; words: string }>(rows: R[], text: string, opts: { top: number; minScore: number }): { row: R; score: number }[] {
  if (rows.length === 0) return [];
  const docs = rows.map((r) => ({ row: r, tf: wordVector(r.words.split(' ')) }));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length + 1;
  const idf = (w: string) => Math.log((n + 1) / ((df.get(w) ?? 0) + 1)) + 1;
  const query = weigh(wordVector(words(text)), idf);
  return docs
    .map((d) => ({ row: d.row, score: cosine(query, weigh(d.tf, idf)) }))
    .filter((d) => d.score > opts.minScore)
    .sort((a, b) => b.score - a.score || b.row.id - a.row.id)
    .slice(0, opts.top)
    .map(({ row, score }) => ({ row, score: Math.round(score * 1000) / 1000 }));
}
