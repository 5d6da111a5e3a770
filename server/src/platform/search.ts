// Chinese full-text search that every module registers its text with. Text is indexed twice:
// as jieba words (for relevance and similarity later) and as character bigrams, so that any part
// of two or more characters is found: jieba alone would not find 小伟 in 王小伟, and SQLite's
// trigram tokenizer finds nothing shorter than three characters.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './db/types.js';
import type { Dialect } from './db/dialect.js';

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
  organizationId: number | null;
  /** Each field separately, so that no bigram spans two fields. */
  fields: (string | null | undefined)[];
}

function documentRow(doc: SearchDocument) {
  const fields = doc.fields.filter((f): f is string => !!f);
  return {
    entity_type: doc.entityType,
    entity_id: doc.entityId,
    organization_id: doc.organizationId,
    words: fields.flatMap(words).join(' '),
    grams: fields.map((f) => grams(f).join(' ')).join(FIELD_BREAK),
  };
}

export async function indexDocuments(db: Kysely<Database>, docs: SearchDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 200) {
    const rows = docs.slice(i, i + 200).map(documentRow);
    await db
      .insertInto('search_documents')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['entity_type', 'entity_id']).doUpdateSet((eb) => ({
          organization_id: eb.ref('excluded.organization_id'),
          words: eb.ref('excluded.words'),
          grams: eb.ref('excluded.grams'),
        })),
      )
      .execute();
  }
}

export async function removeDocument(db: Kysely<Database>, entityType: string, entityId: number): Promise<void> {
  await db.deleteFrom('search_documents').where('entity_type', '=', entityType).where('entity_id', '=', entityId).execute();
}

/**
 * A subquery of the entity ids whose text contains every term of the query, for use as
 * `where('id', 'in', matchingIds(...))`. Null when the query has no searchable term.
 */
export function matchingIds(dialect: Dialect, entityType: string, query: string): RawBuilder<{ entity_id: number }> | null {
  const terms = query.split(/\s+/).filter(Boolean).map((t) => grams(t)).filter((g) => g.length > 0);
  if (terms.length === 0) return null;
  return dialect === 'sqlite' ? sqliteMatch(entityType, terms) : postgresMatch(entityType, terms);
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

function sqliteMatch(entityType: string, terms: string[][]) {
  // Each term is a phrase of its bigrams (consecutive, so it matches the exact characters); a
  // single character matches the bigrams that begin with it.
  const expr = terms
    .map((g) => (g.length === 1 && [...g[0]!].length === 1 ? `grams : ${quote(g[0]!)}*` : `grams : ${quote(g.join(' '))}`))
    .join(' AND ');
  return sql<{ entity_id: number }>`select d.entity_id from search_fts join search_documents d on d.id = search_fts.rowid
    where search_fts match ${expr} and d.entity_type = ${entityType}`;
}

function postgresMatch(entityType: string, terms: string[][]) {
  const conditions = terms.map((g) =>
    g.length === 1 && [...g[0]!].length === 1
      ? sql`grams_tsv @@ to_tsquery('simple', ${`'${g[0]!.replace(/'/g, "''")}':*`})`
      : sql`grams_tsv @@ phraseto_tsquery('simple', ${g.join(' ')})`,
  );
  return sql<{ entity_id: number }>`select entity_id from search_documents
    where entity_type = ${entityType} and ${sql.join(conditions, sql` and `)}`;
}
