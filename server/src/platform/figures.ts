// What a module declares about the year's work figures (全景图, the figures a standing committee's
// work report quotes): a stable code, names and a one-sentence definition in both languages, and
// how to count it and list the records behind it. The dashboard only asks the declarations; it
// never counts on its own, so a figure is defined once, next to the tables it reads.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Trx } from './context.js';
import type { Database } from './db/types.js';
import type { Text } from './errors.js';

/** A period: [from, to) as UTC instants, and the same period as China's dates for date columns ([fromDate, toDate)). */
export interface FigureRange {
  from: string;
  to: string;
  fromDate: string;
  toDate: string;
}

/** One record behind a figure: its key (unique within the figure), title, date and web page. */
export interface FigureRecord {
  id: string;
  title: string;
  date: string;
  link: string;
}

export interface FigurePage {
  items: FigureRecord[];
  total: number;
}

/** A figure counted for a subject: a set of organizations (the office's figures) or one handling unit (a unit's own). */
export interface FigureOf<S> {
  /** Stable code, module first: proposals.filed. */
  code: string;
  name: Text;
  /** What is counted, by which date, at which level: one sentence. */
  definition: Text;
  /** Place in the report: lower first, across every module. */
  order: number;
  /** The code of a figure that counts a superset of this one's records: this value may never exceed it. */
  within?: string;
  count(db: Trx, subject: S, range: FigureRange): Promise<number>;
  records(db: Trx, subject: S, range: FigureRange, page: { page: number; size: number }): Promise<FigurePage>;
}

export interface FigureDeclaration extends FigureOf<number[]> {
  /** Shown on the public portal (the value only, never the records). */
  public: boolean;
  /** One of the few figures a standing committee's report leads with: the panorama shows it as a card with its monthly trend. */
  headline?: boolean;
}

/**
 * A figure about one handling unit's own handling (proposals assigned to it, answered on time, its
 * ratings...): what a unit sees of the year's work, and never another unit's. The subject is the
 * unit's id; every record it lists is one the unit handled.
 */
export type UnitFigureDeclaration = FigureOf<number>;

/** One row of a breakdown: a stable key, its label and how many records it holds. */
export interface BreakdownRow {
  key: string;
  label: Text;
  value: number;
}
/**
 * A figure split by something every CPPCC has (sector, committee, category, level of adoption),
 * declared next to the figures of the module that owns the records. Rows with no value are left out.
 */
export interface BreakdownDeclaration {
  /** Stable code, module first: proposals.filed_by_sector. */
  code: string;
  name: Text;
  /** What is counted and how a record falls into a row: one sentence. */
  definition: Text;
  /** Place on the page: lower first, across every module. */
  order: number;
  count(db: Trx, organizationIds: number[], range: FigureRange): Promise<BreakdownRow[]>;
}
/** The rows a figure counts: a key, a title, a date and the id that its link is made from. */
export type FigureRows = SelectQueryBuilder<Database, any, { key: string | number; title: string; date: string | null; target: number }>;

/** The count functions of queryFigure, whose records' total is their count by construction. */
const sameRows = new WeakSet<object>();

/**
 * Whether the records' total of this declaration is its count by construction (its count is the
 * one queryFigure made, not replaced): the dashboard's check then need not count them again.
 */
export const countsItsRecords = <S>(decl: FigureOf<S>) => sameRows.has(decl.count);

/**
 * A figure from one query of its records: the count and the pages come from the same rows, so the
 * records behind a figure always add up to it (the dashboard still checks it, for figures
 * declared another way).
 */
export function queryFigure(
  def: Omit<FigureDeclaration, 'count' | 'records'> & { rows(db: Trx, organizationIds: number[], range: FigureRange): FigureRows; link(target: number): string },
): FigureDeclaration {
  const { rows, link, ...rest } = def;
  return { ...rest, ...fromRows(rows, link) };
}

/** A unit's figure from one query of its records, as queryFigure: `rows` reads only the records of the unit it is given. */
export function unitQueryFigure(
  def: Omit<UnitFigureDeclaration, 'count' | 'records'> & { rows(db: Trx, unitId: number, range: FigureRange): FigureRows; link(target: number): string },
): UnitFigureDeclaration {
  const { rows, link, ...rest } = def;
  return { ...rest, ...fromRows(rows, link) };
}

function fromRows<S>(rows: (db: Trx, subject: S, range: FigureRange) => FigureRows, link: (target: number) => string): Pick<FigureOf<S>, 'count' | 'records'> {
  const count = async (db: Trx, subject: S, range: FigureRange) =>
    Number((await db.selectFrom(rows(db, subject, range).as('r')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  sameRows.add(count);
  return {
    count,
    async records(db, subject, range, { page, size }) {
      const [total, items] = await Promise.all([
        count(db, subject, range),
        db.selectFrom(rows(db, subject, range).as('r')).selectAll().orderBy('r.date').orderBy('r.key').limit(size).offset((page - 1) * size).execute(),
      ]);
      return { total, items: items.map((r) => ({ id: String(r.key), title: r.title, date: r.date ?? '', link: link(Number(r.target)) })) };
    },
  };
}

/** A text key of two ids, the same on SQLite and PostgreSQL (a row with no id of its own: a participant of a meeting). */
export const pairKey = (a: string, b: string) => sql<string>`cast(${sql.ref(a)} as text) || '-' || cast(${sql.ref(b)} as text)`;
