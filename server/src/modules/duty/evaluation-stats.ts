// The evaluation's figures for the stats page: grades of the year's evaluations, warnings sent in
// the year, and the chair meeting's exit decisions dated in it, across the organizations asked for.
import type { Trx } from '../../platform/context.js';
import { countGrades } from './evaluation.js';

export async function evaluationStats(db: Trx, organizationIds: number[], year: number) {
  if (!organizationIds.length) organizationIds = [0];
  const results = await db.selectFrom('duty_results as r').innerJoin('duty_evaluations as e', 'e.id', 'r.evaluation_id')
    .select(['r.grade', 'e.state']).where('e.organization_id', 'in', organizationIds).where('e.year', '=', year).execute();
  const warnings = await db.selectFrom('duty_warnings').select(['member_id', 'rule']).where('organization_id', 'in', organizationIds).where('year', '=', year).execute();
  const exits = await db.selectFrom('duty_exits').select('decision').where('organization_id', 'in', organizationIds).where('decided_on', 'like', `${year}-%`).execute();
  return {
    grades: { evaluated: results.length, published: results.filter((r) => r.state === 'published').length, ...countGrades(results) },
    warnings: { sent: warnings.length, members: new Set(warnings.map((w) => w.member_id)).size, line: warnings.filter((w) => w.rule === 'line').length, minimums: warnings.filter((w) => w.rule !== 'line').length },
    exits: { keep: exits.filter((e) => e.decision === 'keep').length, exit: exits.filter((e) => e.decision === 'exit').length },
  };
}
