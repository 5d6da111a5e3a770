// How a member's year is graded: the minimums a year requires (at least so many acts among some
// kinds), the grade bands on the points, and the grade they give together. Every page, the
// evaluation and the warnings ask here, so each rule lives in one place.
import type { Trx } from '../../platform/context.js';
import type { DutyKind } from '../../platform/duty.js';
import type { Grade } from '../../platform/db/duty-types.js';

export type { Grade };
/** Best first. */
export const GRADES: readonly Grade[] = ['excellent', 'competent', 'basic', 'not_competent'];
export const GRADE_LABELS: Record<Grade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'excellent' },
  competent: { zh: '称职', en: 'competent' },
  basic: { zh: '基本称职', en: 'basically competent' },
  not_competent: { zh: '不称职', en: 'not competent' },
};

export interface Minimum {
  kinds: string[];
  count: number;
}
/** The lowest points of each grade; basic is optional (null: no such band). */
export interface Bands {
  excellent: number;
  competent: number;
  basic: number | null;
}
export interface Grading {
  minimums: Minimum[];
  bands: Bands;
}

// What a year requires when its organization has not set otherwise: attend the plenary session,
// hand in at least one proposal or public-opinion report, take part in at least two activities.
export const DEFAULT_GRADING: Grading = {
  minimums: [
    { kinds: ['plenary_attended'], count: 1 },
    { kinds: ['proposal_filed', 'proposal_cosigned', 'opinion_submitted'], count: 1 },
    { kinds: ['meeting_attended', 'hall_convened', 'hall_attended', 'lounge_attended', 'place_activity', 'offline_research', 'offline_training', 'offline_reception'], count: 2 },
  ],
  bands: { excellent: 85, competent: 60, basic: null },
};

/** A minimum's stable key (a warning is sent once per key and period). */
export const minimumKey = (m: Minimum) => `min:${[...m.kinds].sort().join('+')}:${m.count}`;

/** A minimum in words, from the kinds' names: "出席全体会议 至少 1 次". */
export function minimumLabel(m: Minimum, kinds: Map<string, DutyKind>) {
  const names = (lang: 'zh' | 'en') => m.kinds.map((k) => kinds.get(k)?.[lang] ?? k);
  return { zh: `${names('zh').join('或')} 至少 ${m.count} 次`, en: `${names('en').join(' or ')}: at least ${m.count}` };
}

/** The grading of an organization's year: what its admins set, else the defaults. */
export async function loadGrading(db: Trx, organizationId: number, year: number): Promise<Grading> {
  const bands = await db.selectFrom('duty_bands').select(['grade', 'min_points']).where('organization_id', '=', organizationId).where('year', '=', year).execute();
  if (!bands.length) return DEFAULT_GRADING;
  const mins = await db.selectFrom('duty_minimums').select(['kinds', 'min_count']).where('organization_id', '=', organizationId).where('year', '=', year).orderBy('position').execute();
  const band = (g: Grade) => bands.find((b) => b.grade === g);
  return {
    minimums: mins.map((m) => ({ kinds: m.kinds.split(','), count: m.min_count })),
    bands: { excellent: Number(band('excellent')!.min_points), competent: Number(band('competent')!.min_points), basic: band('basic') ? Number(band('basic')!.min_points) : null },
  };
}

/** The minimums not met by these counts of events by kind. */
export const missingOf = (counts: Record<string, number>, minimums: Minimum[]) =>
  minimums.filter((m) => m.kinds.reduce((n, k) => n + (counts[k] ?? 0), 0) < m.count);

/**
 * The grade of a year: the band the points reach; a member who missed a minimum is at best
 * competent, since excellence asks that every requirement was met.
 */
export function gradeOf(points: number, bands: Bands, missed: number): Grade {
  if (points >= bands.excellent && missed === 0) return 'excellent';
  if (points >= bands.competent) return 'competent';
  if (bands.basic !== null && points >= bands.basic) return 'basic';
  return 'not_competent';
}

/** The points below which a member is not competent (the lowest band). */
export const passLine = (bands: Bands) => bands.basic ?? bands.competent;
