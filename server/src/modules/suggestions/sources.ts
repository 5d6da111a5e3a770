// The kinds of record a suggestion can come from. The module owning a kind describes it here once
// (its name, its records' titles, where a notification about one of its suggestions links), so
// this module lists and names suggestions of every source without reading the others' tables.
import type { Trx } from '../../platform/context.js';
import type { SuggestionSourceType } from '../../platform/db/suggestion-types.js';
import type { Text } from '../../platform/errors.js';

export interface SourceKind {
  label: Text;
  /** The titles of these source records (a meeting's topic, a session's title), by id. */
  titles(db: Trx, ids: number[]): Promise<{ id: number; title: string }[]>;
  /** The page a unit's notification about a suggestion of this source opens. */
  link(suggestionId: number): string;
  /** The notification kind sent when a suggestion of this source is assigned. */
  assignedKind: string;
}

const kinds = new Map<SuggestionSourceType, SourceKind>();

export function defineSource(type: SuggestionSourceType, kind: SourceKind): void {
  kinds.set(type, kind);
}

export function sourceKind(type: SuggestionSourceType): SourceKind {
  const kind = kinds.get(type);
  // Defined when the owning module loads; reaching here without it is a programming error.
  if (!kind) throw new Error(`suggestion source ${type} is not defined`);
  return kind;
}

/** Titles of the sources of these rows, keyed `type:id`. */
export async function sourceTitles(db: Trx, rows: { source_type: SuggestionSourceType; source_id: number }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const type of new Set(rows.map((r) => r.source_type))) {
    const ids = [...new Set(rows.filter((r) => r.source_type === type).map((r) => r.source_id))];
    for (const r of await sourceKind(type).titles(db, ids)) out.set(`${type}:${r.id}`, r.title);
  }
  return out;
}
