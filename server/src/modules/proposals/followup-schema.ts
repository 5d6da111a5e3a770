// Input and output shapes of the follow-up routes: key proposals and sponsors, quality, public
// disclosure, documents, statistics and deadlines.
import { z } from 'zod';
import { queryRecordId, recordId } from '../../platform/ids.js';
import { pageQuery } from '../../platform/paging.js';
import { assignmentRole, assignmentState, date, kind, replyClass, state } from './schema.js';

const id = recordId;
const queryId = queryRecordId;
const year = z.coerce.number().int().min(2000).max(2100);
const score = z.number().int().min(0, '评分应在 0 到 100 之间|The score is between 0 and 100').max(100, '评分应在 0 到 100 之间|The score is between 0 and 100');
const comment = z.string().trim().max(1000, '评语不能超过 1000 字|The comment may have at most 1000 characters').optional();

export const idParams = z.strictObject({ id: queryId });
export const orgYearQuery = z.strictObject({ organizationId: queryId.optional(), year: year.optional() });

export const keyIn = z.strictObject({ key: z.boolean() });
export const sponsorsIn = z.strictObject({ userIds: z.array(id).max(10, '领办领导最多 10 位|At most 10 sponsors') });
export const orgQuery = z.strictObject({ organizationId: queryId.optional() });
export const sponsorCandidatesOut = z.array(z.object({ id: z.number(), displayName: z.string() }));
export const progressIn = z.strictObject({
  kind: z.enum(['meeting', 'note']),
  heldOn: date,
  text: z.string().trim().min(1, '内容不能为空|The text must not be empty').max(5000, '内容不能超过 5000 字|The text may have at most 5000 characters'),
});

const progressOut = z.object({ id: z.number(), kind: z.enum(['meeting', 'note']), heldOn: z.string(), text: z.string(), createdBy: z.string().nullable(), createdAt: z.string() });
export const keyOut = z.object({
  proposalId: z.number(),
  isKey: z.boolean(),
  sponsors: z.array(z.object({ userId: z.number(), name: z.string() })),
  progress: z.array(progressOut),
});
const onlyTrue = z.enum(['true'], { error: '只能取 true|Only true is accepted' }).optional();
export const sponsoredQuery = z.strictObject({ open: onlyTrue, overdue: onlyTrue });
export const sponsoredOut = z.array(
  z.object({
    id: z.number(),
    title: z.string(),
    number: z.number().nullable(),
    proposerName: z.string(),
    state,
    stateLabel: z.string(),
    stateLabelEn: z.string(),
    units: z.array(z.object({ name: z.string(), role: assignmentRole, state: assignmentState, deadline: z.string(), overdue: z.boolean() })),
    replied: z.number(),
    replying: z.number(),
    progressCount: z.number(),
    lastProgress: progressOut.nullable(),
  }),
);

export const qualityIn = z.strictObject({ score, comment });
export const excellentIn = z.strictObject({ selected: z.boolean(), citation: z.string().trim().max(500).optional() });
export const qualityOut = z.object({ proposalId: z.number(), score: z.number().nullable(), comment: z.string().nullable(), excellent: z.boolean(), citation: z.string().nullable() });
export const qualityList = z.array(
  z.object({ id: z.number(), number: z.number().nullable(), numberLabel: z.string().nullable(), numberLabel_en: z.string().nullable(), title: z.string(), proposerName: z.string(), sectorName: z.string().nullable(), score: z.number().nullable(), comment: z.string().nullable(), excellent: z.boolean() }),
);
export const unitQualityOut = z.object({ assignmentId: z.number(), score: z.number(), comment: z.string().nullable() });
export const unitQualityList = z.array(
  z.object({ unitId: z.number(), unitName: z.string(), assignments: z.number(), replied: z.number(), onTime: z.number(), rated: z.number(), averageScore: z.number().nullable() }),
);

export const disclosureIn = z.strictObject({ public: z.boolean(), replies: z.boolean().default(false) });
export const disclosureOut = z.object({ proposalId: z.number(), public: z.boolean(), replies: z.boolean() });

export const publicQuery = z.strictObject({ ...pageQuery, organizationId: queryId.optional(), year: year.optional(), q: z.string().trim().max(50).optional() });
const proposerOut = z.object({ name: z.string(), sector: z.string().nullable() });
export const publicSummary = z.object({
  id: z.number(),
  organizationName: z.string(),
  year: z.number(),
  sessionLabel: z.string().nullable(),
  sessionLabel_en: z.string().nullable(),
  number: z.number().nullable(),
  title: z.string(),
  kind,
  proposers: z.array(proposerOut),
  category: z.string().nullable(),
  state,
  replied: z.boolean(),
});
export const publicPage = z.object({ items: z.array(publicSummary), nextCursor: z.string().nullable(), total: z.number() });
export const publicOut = publicSummary.extend({
  reasons: z.string(),
  suggestions: z.string(),
  units: z.array(z.object({ name: z.string(), role: assignmentRole })),
  replies: z.array(z.object({ unitName: z.string(), class: replyClass, letterText: z.string(), repliedOn: z.string() })),
});

export const overdueQuery = z.strictObject({ organizationId: queryId.optional(), unitId: queryId.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const overdueOut = z.object({
  today: z.string(),
  total: z.number(),
  items: z.array(
    z.object({
      assignmentId: z.number(), proposalId: z.number(), organizationId: z.number(), title: z.string(), number: z.number().nullable(), numberLabel: z.string().nullable(), unitId: z.number(), unitName: z.string(),
      role: assignmentRole, state: assignmentState, deadline: z.string(), daysOverdue: z.number(), remindedAt: z.string().nullable(),
    }),
  ),
});

const counts = z.record(z.string(), z.number());
const rate = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });
export const statsOut = z.object({
  organizationId: z.number(),
  year: z.number(),
  filed: z.number(),
  accepted: z.number(),
  answered: z.number(),
  byState: counts,
  /** The chart's split of the filed proposals; its `answered` is the figure `answered`. */
  byStage: z.object({ review: z.number(), accepted: z.number(), handling: z.number(), answered: z.number(), notAccepted: z.number() }),
  byKind: counts,
  bySession: z.array(z.object({ sessionId: z.number().nullable(), label: z.string().nullable(), count: z.number() })),
  byCategory: z.array(z.object({ categoryId: z.number().nullable(), name: z.string().nullable(), count: z.number() })),
  bySector: z.array(z.object({ sectorId: z.number().nullable(), name: z.string().nullable(), count: z.number() })),
  byUnit: z.array(z.object({ unitId: z.number(), name: z.string(), assigned: z.number(), replied: z.number(), onTime: z.number(), overdue: z.number() })),
  byReplyClass: counts,
  acceptanceRate: rate,
  onTimeReplyRate: rate,
  satisfactionRate: rate,
  headline: z.object({ zh: z.string(), en: z.string() }),
});
