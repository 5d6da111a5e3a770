// Input and output shapes of public opinion: validation, types and the OpenAPI document at once.
import { z } from 'zod';
import { queryRecordId, recordId } from '../../platform/ids.js';
import { pageQuery } from '../../platform/paging.js';
import { orgScope } from '../../platform/scope.js';
import { events } from './workflow.js';

const id = recordId;
const queryId = queryRecordId;
const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD' });
export const phoneSchema = z.string().regex(/^1[3-9][0-9]{9}$/, '手机号码应为 11 位数字|A mobile number has 11 digits starting with 1');

/** Categories of concern, the same list for every organization. */
export const categories = {
  livelihood: { zh: '民生保障', en: 'Livelihood' },
  economy: { zh: '经济发展', en: 'Economy' },
  environment: { zh: '生态环境', en: 'Environment' },
  education: { zh: '教育', en: 'Education' },
  health: { zh: '医疗卫生', en: 'Health' },
  elderly: { zh: '养老服务', en: 'Elderly care' },
  transport: { zh: '交通出行', en: 'Transport' },
  governance: { zh: '基层治理', en: 'Local governance' },
  other: { zh: '其他', en: 'Other' },
} as const;
export const category = z.enum(Object.keys(categories) as [keyof typeof categories, ...(keyof typeof categories)[]]);

export const MAX_TEXT = 2000;
export const opinionText = z.string().trim().min(1, '内容不能为空|The text must not be empty').max(MAX_TEXT, `内容不能超过 ${MAX_TEXT} 字|The text may have at most ${MAX_TEXT} characters`);

export const state = z.enum(['new', 'accepted', 'duplicate', 'not_used', 'compiled', 'forwarded', 'adopted']);
export const source = z.enum(['member', 'contact_point', 'resident']);
export const level = z.enum(['national', 'province', 'city']);
export const recipient = z.enum(['city_party_committee', 'city_government', 'department', 'province_cppcc', 'national_cppcc']);

export const idParams = z.strictObject({ id: queryId });
export const codeParams = z.strictObject({ code: z.string().min(1).max(40) });
export const trackingParams = z.strictObject({ trackingCode: z.string().min(1).max(40) });

/** The fields of a resident's concern as the QR form sends them (multipart text fields). */
export const residentIn = z.strictObject({
  text: opinionText,
  category,
  name: z.string().trim().max(30, '姓名不能超过 30 字|The name may have at most 30 characters').optional().transform((v) => v || undefined),
  phone: z.union([z.literal(''), phoneSchema]).optional().transform((v) => v || undefined),
  deviceId: z.string().trim().max(100).optional(),
  challenge: z.string().min(1, '缺少验证题|The challenge is missing').max(1000),
  solution: z.string().min(1, '缺少验证答案|The challenge answer is missing').max(20),
});

export const reportIn = z.strictObject({
  organizationId: id,
  title: text(100),
  text: opinionText,
  category,
  attachmentIds: z.array(z.string().regex(/^[0-9a-f]{32}$/)).max(10).default([]),
  coReporterIds: z.array(id).max(20).default([]),
  /** Set when the report comes from a contact point rather than from the member in person. */
  contactPointId: id.optional(),
});

export const screenIn = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('accept') }),
  z.strictObject({ event: z.literal('mark_duplicate'), duplicateOf: id }),
  z.strictObject({ event: z.literal('not_use'), reason: text(500) }),
  z.strictObject({ event: z.literal('reopen') }),
]);

export const compileIn = z.strictObject({
  organizationId: id,
  publishedOn: date.optional(),
  items: z
    .array(z.strictObject({ opinionId: id, title: text(100).optional(), text: z.string().trim().min(1).max(10000).optional(), credits: text(200).optional() }))
    .min(1)
    .max(50),
});

export const forwardIn = z.strictObject({ recipient, recipientName: text(100).optional(), sentOn: date });
export const adoptionIn = z.strictObject({ level, adoptedBy: text(100), adoptedOn: date });
export const instructionIn = z.strictObject({ leader: text(50), level, instructedOn: date, text: text(2000) });
export const retitleIn = z.strictObject({ title: text(100) });
export const handOffIn = z.strictObject({ unitId: id, deadline: date, note: text(500).optional() });
export const handoffAnswerIn = z.strictObject({ text: text(2000), answeredOn: date });
export const handoffQuery = z.strictObject({
  ...pageQuery,
  answered: z.enum(['yes', 'no']).optional(),
  /** Still to answer and past the deadline. */
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export const handoffOut = z.object({
  id: z.number(),
  opinionId: z.number(),
  organizationId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  deadline: z.string(),
  note: z.string().nullable(),
  assignedAt: z.string(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
/** What a unit reads of a handed-off concern: the concern, never the resident's contact. */
export const handoffItem = handoffOut.extend({ title: z.string(), text: z.string(), category, placeName: z.string().nullable(), submittedAt: z.string() });
export const feedbackIn = z.strictObject({ fromName: text(100), text: text(4000), receivedOn: date, final: z.boolean().default(false) });

export const scoringEvents = [
  'submitted', 'accepted', 'compiled',
  'adopted_city', 'adopted_province', 'adopted_national',
  'instruction_city', 'instruction_province', 'instruction_national',
] as const;
export type ScoringEvent = (typeof scoringEvents)[number];
export const scoringRules = z.object(Object.fromEntries(scoringEvents.map((e) => [e, z.number().int().min(0).max(1000)])) as Record<ScoringEvent, z.ZodNumber>);
export const scoringIn = z.strictObject({ organizationId: id, rules: scoringRules.partial().strict() });

export const listQuery = z.strictObject({
  ...pageQuery,
  organizationId: queryId.optional(),
  state: state.optional(),
  source: source.optional(),
  placeId: queryId.optional(),
  category: category.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().trim().max(50).optional(),
  /** Forwarded to the city's party committee or government and given no leader's instruction yet. */
  awaitingInstruction: z.enum(['true'], { error: '只能取 true|Only true is accepted' }).optional(),
});
export const yearQuery = z.strictObject({ organizationId: queryId.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
export const statsQuery = yearQuery.extend({ scope: orgScope });
export const rankingQuery = yearQuery.extend({ by: z.enum(['member', 'contact_point', 'sector', 'place']).default('member') });

const abilitiesOut = z.object(Object.fromEntries(events.map((e) => [e, z.boolean()])) as Record<(typeof events)[number], z.ZodBoolean>);

export const opinionSummary = z.object({
  id: z.number(),
  organizationId: z.number(),
  year: z.number(),
  source,
  title: z.string(),
  category,
  state,
  placeId: z.number().nullable(),
  placeName: z.string().nullable(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  residentName: z.string().nullable(),
  residentPhone: z.string().nullable(),
  similarGroup: z.number().nullable(),
  similarCount: z.number(),
  submittedAt: z.string(),
});

export const opinionOut = opinionSummary.extend({
  text: z.string(),
  duplicateOf: z.number().nullable(),
  reason: z.string().nullable(),
  reporters: z.array(z.object({ memberId: z.number(), name: z.string(), lead: z.boolean() })),
  files: z.array(z.object({ id: z.string(), name: z.string(), mime: z.string(), kind: z.enum(['photo', 'attachment']) })),
  issue: z.object({ id: z.number(), year: z.number(), number: z.number() }).nullable(),
  forwardings: z.array(z.object({ id: z.number(), recipient, recipientName: z.string().nullable(), sentOn: z.string(), issueId: z.number().nullable() })),
  adoptions: z.array(z.object({ id: z.number(), level, adoptedBy: z.string(), adoptedOn: z.string() })),
  instructions: z.array(z.object({ id: z.number(), leader: z.string(), level, instructedOn: z.string(), text: z.string() })),
  feedback: z.array(z.object({ id: z.number(), fromName: z.string(), text: z.string(), receivedOn: z.string(), final: z.boolean() })),
  handoff: handoffOut.nullable(),
  abilities: abilitiesOut,
});

export const contactOut = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

export const issueOut = z.object({
  id: z.number(),
  organizationId: z.number(),
  organizationName: z.string(),
  year: z.number(),
  number: z.number(),
  title: z.string(),
  publishedOn: z.string(),
  items: z.array(z.object({ opinionId: z.number(), position: z.number(), title: z.string(), text: z.string(), credits: z.string() })),
});

export const timelineOut = z.array(z.object({ at: z.string(), action: z.string(), actorName: z.string().nullable(), detail: z.unknown() }));

export const qrOut = z.object({
  place: z.object({ id: z.number(), name: z.string(), kind: z.string(), organizationName: z.string() }),
  categories: z.array(z.object({ value: z.string(), zh: z.string(), en: z.string() })),
  limits: z.object({ maxText: z.number(), maxPhotos: z.number(), maxPhotoBytes: z.number() }),
  challenge: z.object({ token: z.string(), nonce: z.string(), bits: z.number(), expiresAt: z.string() }),
});
export const residentOut = z.object({ trackingCode: z.string(), trackingUrl: z.string() });
export const trackOut = z.object({
  trackingCode: z.string(),
  state,
  status: z.string(),
  status_en: z.string(),
  submittedAt: z.string(),
  placeName: z.string().nullable(),
  category,
  reason: z.string().nullable(),
  adoptedLevels: z.array(level),
  answer: z.object({ fromName: z.string(), text: z.string(), receivedOn: z.string() }).nullable(),
  /** Where the report stands in a resident's words: its state, or the step of its hand-off. */
  progress: z.enum(['new', 'accepted', 'duplicate', 'not_used', 'compiled', 'forwarded', 'adopted', 'handed_off', 'answered']),
  handoff: z.object({ unitName: z.string(), deadline: z.string(), answer: z.string().nullable(), answeredOn: z.string().nullable() }).nullable(),
});

export const rankingOut = z.array(z.object({ rank: z.number(), id: z.number(), name: z.string(), points: z.number(), opinions: z.number() }));
