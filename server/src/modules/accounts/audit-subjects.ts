// What an audit entry is about, named as people name it: a proposal by its number and title, a
// member or a unit by name. The page links to the record; nobody has to read "proposal #313".
import type { Trx } from '../../platform/context.js';
import { consultationTitles } from '../consultations/service.js';
import { issueNames, opinionTitles } from '../opinions/service.js';
import { membersByIds, organizationName, unitsByIds } from '../orgs/service.js';
import { proposalNames } from '../proposals/service.js';
import { sourcesOf as suggestionTitles } from '../suggestions/service.js';

export interface Subject {
  name: string;
  name_en: string | null;
}

type Named = { id: number; name: string; name_en?: string | null }[];
const resolvers: Record<string, (db: Trx, ids: number[]) => Promise<Named>> = {
  proposal: async (db, ids) =>
    (await proposalNames(db, ids)).map((p) => ({
      id: p.id,
      name: p.numberLabel ? `${p.numberLabel} ${p.title}` : p.title,
      name_en: p.numberLabel_en ? `${p.numberLabel_en}: ${p.title}` : null,
    })),
  opinion: async (db, ids) => (await opinionTitles(db, ids)).map((o) => ({ id: o.id, name: o.title })),
  opinion_issue: (db, ids) => issueNames(db, ids),
  member: async (db, ids) => (await membersByIds(db, ids)).map((m) => ({ id: m.id, name: m.name })),
  handling_unit: async (db, ids) => (await unitsByIds(db, ids)).map((u) => ({ id: u.id, name: u.name })),
  organization: async (db, ids) => Promise.all(ids.map(async (id) => ({ id, name: await organizationName(db, id) }))),
  user: async (db, ids) => (await db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', ids).execute()),
  consultation_plan: async (db, ids) => (await consultationTitles(db, 'plan', ids)).map((c) => ({ id: c.id, name: c.title })),
  consultation_meeting: async (db, ids) => (await consultationTitles(db, 'meeting', ids)).map((c) => ({ id: c.id, name: c.title })),
  suggestion: async (db, ids) => (await suggestionTitles(db, ids)).map((c) => ({ id: c.id, name: c.title })),
  consultation_outcome: async (db, ids) => (await consultationTitles(db, 'outcome', ids)).map((c) => ({ id: c.id, name: c.title })),
  hall_topic: async (db, ids) => db.selectFrom('hall_topics').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  hall_session: async (db, ids) => db.selectFrom('hall_sessions').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  place: async (db, ids) => db.selectFrom('places').select(['id', 'name']).where('id', 'in', ids).execute(),
};

/** The names of the records a page of entries is about, keyed `${entityType}:${entityId}`. */
export async function auditSubjects(db: Trx, entries: { entity_type: string; entity_id: string | null }[]): Promise<Map<string, Subject>> {
  const wanted = new Map<string, Set<number>>();
  for (const e of entries) {
    const id = Number(e.entity_id);
    if (!resolvers[e.entity_type] || !Number.isSafeInteger(id) || id <= 0) continue;
    if (!wanted.has(e.entity_type)) wanted.set(e.entity_type, new Set());
    wanted.get(e.entity_type)!.add(id);
  }
  const out = new Map<string, Subject>();
  for (const [type, ids] of wanted) {
    for (const row of await resolvers[type]!(db, [...ids])) {
      if (row.name) out.set(`${type}:${row.id}`, { name: row.name, name_en: row.name_en ?? null });
    }
  }
  return out;
}
