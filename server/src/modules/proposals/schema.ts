// Input and output shapes of proposals: validation, types and the OpenAPI document at once.
import { z } from 'zod';
import { queryRecordId, recordId } from '../../platform/ids.js';
import { pageQuery } from '../../platform/paging.js';
import { userAssignmentEvents, userEvents } from './workflow.js';

const id = recordId;
const queryId = queryRecordId;
const text = (max: number, what: string, whatEn: string) =>
  z.string().trim().min(1, `${what}不能为空|The ${whatEn} must not be empty`).max(max, `${what}不能超过 ${max} 字|The ${whatEn} may have at most ${max} characters`);
export const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD' });
const fileId = z.string().regex(/^[0-9a-f]{32}$/, '附件编号无效|Invalid attachment id');
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const MAX_TITLE = 100;
export const MAX_REASONS = 5000;
export const MAX_SUGGESTIONS = 10000;

export const kind = z.enum(['individual', 'joint', 'collective']);
export const state = z.enum(['draft', 'cosigning', 'submitted', 'accepted', 'rejected', 'merged', 'converted', 'handling', 'replied', 'evaluated', 'closed']);
export const collectiveKind = z.enum(['party_group', 'sector', 'committee']);
export const assignmentRole = z.enum(['lead', 'assisting', 'separate']);
export const assignmentState = z.enum(['assigned', 'signed', 'reassign_requested', 'replied', 'withdrawn']);
export const replyClass = z.enum(['A', 'B', 'C']);
export const evaluationResult = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);
export const contactWay = z.enum(['visit', 'meeting', 'phone', 'letter', 'online', 'other']);

export const idParams = z.strictObject({ id: queryId });
export const assignmentParams = z.strictObject({ id: queryId, assignmentId: queryId });

// ---- Drafting and filing --------------------------------------------------------------------

const draftFields = {
  title: text(MAX_TITLE, '标题', 'title'),
  reasons: text(MAX_REASONS, '案由', 'reasons'),
  suggestions: text(MAX_SUGGESTIONS, '建议', 'suggestions'),
  categoryId: id.nullable().optional(),
  sessionId: id.nullable().optional(),
  /** Co-signers (members of the same organization) of a joint proposal. */
  cosignerIds: z.array(id).max(50).optional(),
  /** Handling units the proposer suggests. */
  unitIds: z.array(id).max(10).optional(),
  attachmentIds: z.array(fileId).max(10).optional(),
};

/** A new draft. A collective proposal is written from a collective account. */
export const draftIn = z.strictObject({ kind: kind.default('individual'), ...draftFields });
export const draftPatch = z.strictObject({
  kind: kind.optional(),
  title: draftFields.title.optional(),
  reasons: draftFields.reasons.optional(),
  suggestions: draftFields.suggestions.optional(),
  categoryId: draftFields.categoryId,
  sessionId: draftFields.sessionId,
  cosignerIds: draftFields.cosignerIds,
  unitIds: draftFields.unitIds,
  attachmentIds: draftFields.attachmentIds,
});
export const fileIn = z.strictObject({ sessionId: id.optional() });
export const cosignIn = z.strictObject({ decision: z.enum(['confirm', 'decline']) });
/** A co-signer who declined no longer reads the proposal, so the answer is only this. */
export const cosignOut = z.object({ proposalId: z.number(), decision: z.enum(['confirm', 'decline']), proposalState: state });

export const similarIn = z.strictObject({
  organizationId: id.optional(),
  title: z.string().trim().max(MAX_TITLE).default(''),
  reasons: z.string().trim().max(MAX_REASONS).default(''),
  suggestions: z.string().trim().max(MAX_SUGGESTIONS).default(''),
  /** The draft itself, left out of its own results. */
  excludeId: id.optional(),
});

// ---- Review ---------------------------------------------------------------------------------

export const rejectIn = z.strictObject({ reasonId: id, text: text(2000, '说明', 'explanation') });
export const mergeIn = z.strictObject({ sourceIds: z.array(id).min(1).max(50) });
export const convertIn = z.strictObject({
  category: z.enum(['livelihood', 'economy', 'environment', 'education', 'health', 'elderly', 'transport', 'governance', 'other']).default('other'),
});

// ---- Assignment and handling ------------------------------------------------------------------

export const assignIn = z.strictObject({
  units: z
    .array(z.strictObject({ unitId: id, role: assignmentRole, deadline: date.optional() }))
    .min(1, '请至少选择一个承办单位|Choose at least one handling unit')
    .max(20),
});
export const reassignIn = z.strictObject({ unitId: id, deadline: date.optional() });
export const reasonIn = z.strictObject({ reason: text(1000, '理由', 'reason') });
export const contactIn = z.strictObject({ contactedOn: date, way: contactWay, summary: text(2000, '沟通情况', 'summary') });
export const assistOpinionIn = z.strictObject({ text: text(5000, '协办意见', 'opinion'), fileId: fileId.optional() });
export const replyIn = z.strictObject({
  class: replyClass,
  /** Why a class C reply keeps the proposal for reference: required for class C. */
  classReason: z.string().trim().max(1000).optional(),
  letterText: text(20000, '答复函', 'reply letter'),
  letterFileId: fileId.optional(),
});
export const evaluateIn = z.strictObject({ result: evaluationResult, comment: z.string().trim().max(1000).optional() });
export const anotherRoundIn = z.strictObject({ deadline: date.optional() });

// ---- Settings -------------------------------------------------------------------------------

export const orgQuery = z.strictObject({ organizationId: queryId.optional() });
export const categoryIn = z.strictObject({ organizationId: id, parentId: id.optional(), name: text(50, '名称', 'name'), sort: z.number().int().min(0).max(9999).default(0) });
export const categoryPatch = z.strictObject({ name: text(50, '名称', 'name').optional(), sort: z.number().int().min(0).max(9999).optional(), active: z.boolean().optional() });
export const rejectReasonIn = z.strictObject({ organizationId: id, text: text(200, '理由', 'reason'), sort: z.number().int().min(0).max(9999).default(0) });
export const rejectReasonPatch = z.strictObject({ text: text(200, '理由', 'reason').optional(), sort: z.number().int().min(0).max(9999).optional(), active: z.boolean().optional() });
export const settingsIn = z.strictObject({ organizationId: id, deadlineMonths: z.number().int().min(1).max(12) });
export const collectiveAccountIn = z.strictObject({ userId: id, bodyKind: collectiveKind, bodyId: id });

// ---- Lists ----------------------------------------------------------------------------------

export const listQuery = z.strictObject({
  ...pageQuery,
  organizationId: queryId.optional(),
  sessionId: queryId.optional(),
  state: state.optional(),
  categoryId: queryId.optional(),
  sectorId: queryId.optional(),
  kind: kind.optional(),
  unitId: queryId.optional(),
  key: flag.optional(),
  overdue: flag.optional(),
  /** An assignment still open is due today or within this many days. */
  dueWithin: z.coerce.number().int().min(0).max(366).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().trim().max(50).optional(),
});
export const mineQuery = z.strictObject({ ...pageQuery, state: state.optional() });
export const assignedQuery = z.strictObject({ ...pageQuery, state: assignmentState.optional() });

// ---- Responses ------------------------------------------------------------------------------

const bools = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.boolean()])) as Record<K, z.ZodBoolean>);
export const abilitiesOut = bools([...userEvents, 'edit', 'cosign'] as const);
export const assignmentAbilitiesOut = bools(userAssignmentEvents);

const unitLine = z.object({ assignmentId: z.number(), unitId: z.number(), name: z.string(), role: assignmentRole, state: assignmentState, deadline: z.string() });

export const proposalSummary = z.object({
  id: z.number(),
  organizationId: z.number(),
  sessionId: z.number().nullable(),
  sessionLabel: z.string().nullable(), // 第九届第二次会议
  sessionLabel_en: z.string().nullable(), // 2nd Session of the 9th Term
  year: z.number(),
  kind,
  state,
  title: z.string(),
  proposerName: z.string(),
  memberId: z.number().nullable(),
  sectorId: z.number().nullable(),
  sectorName: z.string().nullable(),
  categoryId: z.number().nullable(),
  categoryName: z.string().nullable(),
  number: z.number().nullable(),
  numberLabel: z.string().nullable(), // 第九届第二次会议 第0001号
  numberLabel_en: z.string().nullable(), // No. 1, 2nd Session of the 9th Term
  isKey: z.boolean(),
  isPublic: z.boolean(),
  round: z.number(),
  filedAt: z.string().nullable(),
  createdAt: z.string(),
  units: z.array(unitLine),
  overdue: z.boolean(),
});

const fileOut = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });

export const assignmentOut = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  role: assignmentRole,
  state: assignmentState,
  round: z.number(),
  deadline: z.string(),
  overdue: z.boolean(),
  reassignReason: z.string().nullable(),
  assignedAt: z.string(),
  signedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  abilities: assignmentAbilitiesOut,
});

export const proposalOut = proposalSummary.extend({
  reasons: z.string(),
  suggestions: z.string(),
  categoryPath: z.array(z.string()),
  collective: z.object({ kind: collectiveKind, id: z.number(), name: z.string() }).nullable(),
  cosigners: z.array(z.object({ memberId: z.number(), name: z.string(), state: z.enum(['pending', 'confirmed', 'declined']), answeredAt: z.string().nullable() })),
  suggestedUnits: z.array(z.object({ id: z.number(), name: z.string() })),
  files: z.array(fileOut),
  rejection: z.object({ reasonId: z.number().nullable(), reason: z.string().nullable(), text: z.string().nullable() }).nullable(),
  mergedInto: z.object({ id: z.number(), title: z.string(), numberLabel: z.string().nullable() }).nullable(),
  mergedProposals: z.array(z.object({ id: z.number(), title: z.string(), proposerName: z.string() })),
  conversion: z.object({ opinionId: z.number(), convertedAt: z.string() }).nullable(),
  assignments: z.array(assignmentOut),
  contacts: z.array(z.object({ id: z.number(), assignmentId: z.number(), unitName: z.string(), contactedOn: z.string(), way: contactWay, summary: z.string() })),
  assistOpinions: z.array(z.object({ id: z.number(), assignmentId: z.number(), unitName: z.string(), round: z.number(), text: z.string(), file: fileOut.nullable(), createdAt: z.string() })),
  replies: z.array(
    z.object({ id: z.number(), assignmentId: z.number(), unitName: z.string(), round: z.number(), class: replyClass, classReason: z.string().nullable(), letterText: z.string(), letterFile: fileOut.nullable(), repliedAt: z.string() }),
  ),
  evaluations: z.array(z.object({ id: z.number(), assignmentId: z.number(), round: z.number(), userName: z.string(), mine: z.boolean(), result: evaluationResult, comment: z.string().nullable(), createdAt: z.string() })),
  abilities: abilitiesOut,
});

export const similarOut = z.array(
  z.object({ id: z.number(), title: z.string(), year: z.number(), state, numberLabel: z.string().nullable(), numberLabel_en: z.string().nullable(), proposerName: z.string(), score: z.number() }),
);

export const timelineOut = z.array(z.object({ at: z.string(), action: z.string(), label: z.string(), label_en: z.string(), actorName: z.string().nullable(), detail: z.unknown() }));

/** `total` is exact up to 10,000; `totalCapped` says there are more (show “10000+”). */
export const summaryPage = z.object({ items: z.array(proposalSummary), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
const section = z.object({ items: z.array(proposalSummary), total: z.number(), totalCapped: z.boolean() });

/** Each part appears when the caller holds the role it belongs to. */
export const workbenchOut = z.object({
  member: z.object({ drafts: section, filed: section, cosignRequests: section, ratingsDue: section }).optional(),
  staff: z.object({ reviewQueue: section, toAssign: section, overdue: section, reassignRequests: section }).optional(),
  unit: z.object({ toSign: section, handling: section, dueSoon: section }).optional(),
});

const categoryNode: z.ZodType<{ id: number; name: string; sort: number; active: boolean; children: unknown[] }> = z.lazy(() =>
  z.object({ id: z.number(), name: z.string(), sort: z.number(), active: z.boolean(), children: z.array(categoryNode) }),
);

export const configOut = z.object({
  organizationId: z.number(),
  categories: z.array(categoryNode),
  rejectReasons: z.array(z.object({ id: z.number(), text: z.string(), sort: z.number(), active: z.boolean() })),
  deadlineMonths: z.number(),
  sessions: z.array(z.object({ id: z.number(), label: z.string(), opensOn: z.string(), current: z.boolean() })),
  units: z.array(z.object({ id: z.number(), name: z.string() })),
  /** What the caller may file as: a member (individual, joint) and/or a collective body. */
  filing: z.object({ asMember: z.boolean(), collective: z.object({ kind: collectiveKind, id: z.number(), name: z.string() }).nullable() }),
});
