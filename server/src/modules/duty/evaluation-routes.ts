// HTTP routes of the yearly evaluation, its rules (minimums and bands), warnings and the exit list.
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { chinaYear, clock } from '../../platform/time.js';
import { ORGS_CHANGED } from '../orgs/service.js';
import { requireEditor, requireReader } from './access.js';
import * as commands from './commands.js';
import * as evaluation from './evaluation.js';
import { decideExit, exitList } from './exits.js';
import { periodOf, sendWarnings } from './warnings.js';
import * as s from './schema.js';

const tags = ['duty'];
const readers = { access: ['admin', 'staff', 'leader'] as const };
const editors = { access: ['admin', 'staff'] as const };

export function evaluationRoutes(app: App, { duty: decls }: ModuleDeps) {
  app.put('/api/duty/rules/grading', { config: editors, schema: { tags, summary: "Set a year's minimums and grade bands; recomputes the year's evaluation; 409 when the year is published", body: s.gradingIn } }, async (req, reply) => {
    await commands.setGrading(req.ctx, decls, req.body);
    return reply.code(204).send();
  });

  app.get('/api/duty/evaluation', { config: readers, schema: { tags, summary: "A year's evaluation: state, counts by grade, each member's points, missing minimums and grade", querystring: s.evaluationQuery } }, async (req) => {
    const organizationId = req.query.organizationId ?? req.ctx.actor!.organizationId;
    requireReader(req.ctx, organizationId);
    return evaluation.evaluationOf(req.ctx.db, organizationId, req.query.year ?? chinaYear(), req.query.grade);
  });
  app.post('/api/duty/evaluation/compute', { config: editors, schema: { tags, summary: "Compute (or recompute) a year's evaluation of every serving member; 409 when published", body: s.yearIn } }, async (req) =>
    evaluation.compute(req.ctx, decls, req.body),
  );
  app.post('/api/duty/evaluation/adjust', { config: editors, schema: { tags, summary: "Adjust one member's grade with a written reason (audited)", body: s.adjustIn } }, async (req, reply) => {
    await evaluation.adjust(req.ctx, req.body);
    return reply.code(204).send();
  });
  app.post('/api/duty/evaluation/publish', { config: editors, schema: { tags, summary: 'Publish the year: each member is notified of their grade and the year is frozen; 409 when published', body: s.yearIn } }, async (req) =>
    evaluation.publish(req.ctx, req.body),
  );

  app.post('/api/duty/warnings/run', { config: editors, schema: { tags, summary: "Send this quarter's warnings now (each member, rule and quarter once)", body: s.warningsIn } }, async (req) => {
    requireEditor(req.ctx, req.body.organizationId);
    return { period: periodOf(clock.now()).key, sent: await sendWarnings(req.ctx, req.ctx, decls, [req.body.organizationId]) };
  });

  app.get('/api/duty/exits', { config: readers, schema: { tags, summary: 'The exit list: members not competent two published years running or absent from the plenary twice in a term, with evidence', querystring: s.exitsQuery } }, async (req) =>
    exitList(req.ctx, decls, req.query.organizationId ?? req.ctx.actor!.organizationId),
  );
  app.post('/api/duty/exits/decide', { config: editors, schema: { tags, summary: "Record the chair meeting's decision (keep or exit, reason, date); an exit retires the member", body: s.exitDecisionIn } }, async (req, reply) => {
    await decideExit(req.ctx, decls, req.body);
    // The member lists of the orgs module keep answers that an exit makes stale.
    if (req.body.decision === 'exit') await req.ctx.bus.publish(ORGS_CHANGED, {});
    return reply.code(204).send();
  });
}
