// HTTP routes of the suggestion tracker: each says who may call it, parses with its schema, calls a
// command or query. Suggestions are made from their source's routes (a meeting, a hall session).
import type { App } from '../../platform/manifest.js';
import { notFound } from '../../platform/errors.js';
import { scopeOrgs } from '../../platform/scope.js';
import { chinaYear } from '../../platform/time.js';
import * as s from './schema.js';
import { adoption, answer, assign, isReader } from './commands.js';
import { listSuggestions, suggestionDetail } from './queries.js';
import { suggestionStats } from './stats.js';

const tags = ['suggestions'];
const office = { access: ['admin', 'staff'] as const };
const readers = { access: ['admin', 'staff', 'leader'] as const };
const involved = { access: ['admin', 'staff', 'leader', 'unit'] as const };

export function routes(app: App) {
  app.get('/api/suggestions', { config: involved, schema: { tags, summary: 'Suggestions the caller may see, newest first; a unit sees those assigned to it (mine=true: still to answer)', querystring: s.listQuery } }, async (req) =>
    listSuggestions(req.ctx, req.query),
  );
  app.get('/api/suggestions/stats', { config: readers, schema: { tags, summary: 'Made, assigned, answered, adopted and overdue in a year, by source and organization', querystring: s.statsQuery } }, async (req) => {
    const org = req.query.organizationId ?? req.actor!.organizationId;
    if (!isReader(req.ctx, org)) throw notFound({ zh: '组织不存在', en: 'No such organization' });
    return suggestionStats(req.ctx.db, org, req.query.scope, scopeOrgs(req.ctx, org, req.query.scope), req.query.year ?? chinaYear());
  });
  app.get('/api/suggestions/:id', { config: involved, schema: { tags, summary: 'A suggestion with its units, answers, abilities and timeline', params: s.idParams } }, async (req) =>
    suggestionDetail(req.ctx, req.params.id),
  );
  app.post('/api/suggestions/:id/assign', { config: office, schema: { tags, summary: 'Assign to handling units with an optional deadline', params: s.idParams, body: s.assignIn } }, async (req) => {
    await assign(req.ctx, req.params.id, req.body);
    return suggestionDetail(req.ctx, req.params.id);
  });
  app.post('/api/suggestions/:id/answer', { config: { access: ['unit'] as const }, schema: { tags, summary: "The calling unit's answer (once)", params: s.idParams, body: s.answerIn } }, async (req) => {
    await answer(req.ctx, req.params.id, req.body);
    return suggestionDetail(req.ctx, req.params.id);
  });
  app.post('/api/suggestions/:id/adoption', { config: office, schema: { tags, summary: 'Mark adopted or not adopted, once every unit has answered', params: s.idParams, body: s.adoptionIn } }, async (req) => {
    await adoption(req.ctx, req.params.id, req.body);
    return suggestionDetail(req.ctx, req.params.id);
  });
}
