// Suggestions drawn from a deliberation session: the office writes them down after the session is
// held; the shared tracker assigns them to units, takes their answers and the adoption, and the
// hall's public page shows each session's suggestions with what became of them.
import { sql } from 'kysely';
import type { z } from 'zod';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import { visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import * as tracker from '../suggestions/service.js';
import { requireOfficeAt } from './commands.js';
import type * as s from './schema.js';

const SOURCE = 'hall_session';

tracker.defineSource(SOURCE, {
  label: { zh: '议事堂', en: 'hall' },
  titles: (db, ids) => db.selectFrom('hall_sessions').select(['id', 'title']).where('id', 'in', ids.length ? ids : [0]).execute(),
  link: (id) => `/suggestions/${id}`,
  assignedKind: 'hall.suggestion.assigned',
});

export async function createSessionSuggestion(ctx: Ctx, sessionId: number, input: z.infer<typeof s.suggestionIn>): Promise<number> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('hall_sessions').select(['id', 'organization_id', 'state']).where('id', '=', sessionId);
    if (ctx.dialect === 'postgres') q = q.forUpdate();
    const session = await q.executeTakeFirst();
    if (!session || !visibleOrgs(ctx, ctx.actor!).includes(session.organization_id)) throw notFound({ zh: '议事活动不存在', en: 'No such session' });
    requireOfficeAt(ctx, session.organization_id, { zh: '整理该议事活动的意见建议', en: 'make suggestions of this session' });
    // Suggestions come out of a deliberation that took place.
    if (session.state !== 'held' && session.state !== 'closed')
      throw conflict({ zh: '议事活动举行后才能整理意见建议', en: 'Suggestions are made once the session has been held' });
    const id = await tracker.insertSuggestion(trx, ctx, { organizationId: session.organization_id, sourceType: SOURCE, sourceId: session.id, title: input.title, text: input.text });
    // The session's timeline shows the suggestions drawn from it.
    await audit(trx, ctx, { action: 'suggestion', entityType: 'hall_session', entityId: session.id, organizationId: session.organization_id, after: { suggestionId: id, title: input.title } });
    return id;
  });
  await tracker.changed(ctx, id);
  return id;
}

/** Each session's suggestions as the public reads them: the text, the units' answers and the adoption. */
export async function publicSessionSuggestions(db: Trx, sessionIds: number[]) {
  const rows = await tracker.suggestionsOf(db, SOURCE, sessionIds);
  return (sessionId: number) =>
    rows.filter((r) => r.sourceId === sessionId).map((r) => ({
      id: r.id, title: r.title, text: r.text, state: r.state, stateLabel: tracker.suggestionFlow.states[r.state],
      answers: r.answers.filter((a) => a.answeredAt !== null), adopted: r.adopted, adoptionNote: r.adoptionNote,
    }));
}

/** Suggestions of each place's sessions that every unit has answered, by place: one grouped query. */
export async function answeredByPlace(db: Trx): Promise<Map<number, number>> {
  const rows = await db.selectFrom('hall_sessions').innerJoin(tracker.answeredBySourceQuery(db, SOURCE).as('a'), 'a.source_id', 'hall_sessions.id')
    .select(['hall_sessions.place_id', sql<number>`sum(a.n)`.as('n')]).groupBy('hall_sessions.place_id').execute();
  return new Map(rows.map((r) => [r.place_id, Number(r.n)]));
}
