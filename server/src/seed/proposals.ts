// The demo city's year of proposals, acted out through the proposals module's commands by the
// people who do each step: members draft and file (alone, with co-signers, or for their party
// group), co-signers confirm, the proposal office reviews, marks key proposals and asks leaders to
// sponsor them, and assigns each proposal to the units whose remit its category is; units sign,
// contact the proposer and reply; proposers rate the replies. About 380 proposals at full scale,
// most filed around the plenary session and the rest through the year, as a city of 400 members has.
import type { Services } from '../platform/context.js';
import type { Ctx } from '../platform/context.js';
import * as s from '../modules/proposals/schema.js';
import * as f from '../modules/proposals/followup-schema.js';
import { cosign, createDraft, file } from '../modules/proposals/commands.js';
import { accept, anotherRound, assign, convert, merge, reject } from '../modules/proposals/review.js';
import { evaluate, recordContact, reassign, reply, requestReassign, sendOpinion, sign } from '../modules/proposals/handling.js';
import { logProgress, setKey, setSponsors } from '../modules/proposals/key.js';
import { chinaDate, clock } from '../platform/time.js';
import type { Cast } from './actors.js';
import { Calendar, DAY, anyTime, later, officeTime } from './calendar.js';
import { CATEGORIES, REJECT_REASONS, TOP_CATEGORIES, unitsOf, type CategorySpec } from './proposal-topics.js';
import { chance, int, pick, shuffle, weighted, type Rng } from './random.js';

export interface YearFrame {
  city: number;
  year: number;
  /** The first moment of the year in China. */
  yearStart: number;
  /** When the plenary session opened (09:00 in China), and the real now the year stops at. */
  plenary: number;
  until: number;
  scale: number;
}

interface Case {
  id: number;
  spec: CategorySpec;
  author: Ctx;
  kind: 'individual' | 'joint' | 'collective';
  state: 'filed' | 'accepted' | 'gone';
  pin?: Pin;
}
type Pin = 'draft' | 'cosigning' | 'submitted' | 'accepted' | undefined;

const suffixes = ['的建议', '的建议', '的建议', '的几点建议', '的对策建议'];
const openers = ['近年来，', '调研发现，', '当前，', '据了解，', '从群众反映看，'];

function writeProposal(rng: Rng, spec: CategorySpec, used: Map<string, number>) {
  // Of a few drawn titles the least used is taken, so that no subject is filed over and over.
  let title = '';
  for (let tries = 0; tries < 8; tries++) {
    const drawn = `关于${pick(rng, spec.subjects)}${pick(rng, suffixes)}`;
    if (!title || (used.get(drawn) ?? 0) < (used.get(title) ?? 0)) title = drawn;
    if (!used.has(title)) break;
  }
  used.set(title, (used.get(title) ?? 0) + 1);
  const problems = shuffle(rng, spec.problems).slice(0, int(rng, 2, 3));
  const measures = shuffle(rng, spec.measures).slice(0, int(rng, 3, 4));
  const numerals = ['一', '二', '三', '四'];
  return {
    title,
    reasons: `${pick(rng, openers)}${problems.join('')}这些问题关系群众切身利益和我市高质量发展，需要引起重视并加以解决。`,
    suggestions: measures.map((m, i) => `${numerals[i]}、${m}。`).join('\n'),
  };
}

export async function seedProposals(services: Services, cast: Cast, cal: Calendar, rng: Rng, frame: YearFrame): Promise<void> {
  const { db } = services;
  const { city, plenary, until, scale } = frame;
  const at = new Date(plenary - 40 * DAY).toISOString();
  // The office's set-up: categories, reasons for not accepting, the deadline.
  const categoryId = new Map<string, number>();
  for (const [sort, top] of TOP_CATEGORIES.entries()) {
    const parent = await db.insertInto('proposal_categories').values({ organization_id: city, parent_id: null, name: top, sort, active: 1 }).returning('id').executeTakeFirstOrThrow();
    for (const [i, c] of CATEGORIES.filter((x) => x.parent === top).entries()) {
      const row = await db.insertInto('proposal_categories').values({ organization_id: city, parent_id: parent.id, name: c.name, sort: i, active: 1 }).returning('id').executeTakeFirstOrThrow();
      categoryId.set(c.name, row.id);
    }
  }
  const reasons = await db.insertInto('proposal_reject_reasons').values(REJECT_REASONS.map((text, sort) => ({ organization_id: city, text, sort, active: 1 }))).returning('id').execute();
  await db.insertInto('proposal_settings').values({ organization_id: city, deadline_months: 3, updated_at: at }).execute();

  const { staff, members, groups, leaders } = cast;
  const [me, ...others] = members;
  if (!me || others.length < 10) return;
  // A few members write many proposals, most one or two: draw from a list skewed to its front.
  const keen = shuffle(rng, others);
  const author = () => (chance(rng, 0.03) ? me : keen[Math.floor(rng() ** 1.7 * keen.length)]!);
  const unitId = (name: string) => cast.unitByName(name);
  const used = new Map<string, number>();
  const open: Case[] = [];
  const total = Math.max(12, Math.round(380 * scale));
  let keyLeft = Math.max(1, Math.round(14 * scale));

  const draft = async (c: { spec: CategorySpec; kind: Case['kind']; ctx: Ctx; cosigners: number[] }) => {
    const text = writeProposal(rng, c.spec, used);
    const suggested = [unitId(c.spec.lead[0]!)].filter((u): u is number => u !== undefined);
    return createDraft(c.ctx, s.draftIn.parse({ kind: c.kind, ...text, categoryId: categoryId.get(c.spec.name), cosignerIds: c.kind === 'joint' ? c.cosigners : undefined, unitIds: chance(rng, 0.5) ? suggested : undefined }));
  };

  // The demo member's latest proposals stand at the early steps, so that every state shows:
  // a draft, one awaiting co-signers, one awaiting review, one accepted and not yet assigned.
  const pins: Pin[] = ['draft', 'cosigning', 'submitted', 'accepted'];
  const after = until + DAY; // a step planned here is not played: the year has not got there
  let evaluatedShown = false;
  let repliedShown = false;
  for (let n = 0; n < total; n++) {
    const pin = pins[n];
    const kind = pin === 'cosigning' ? 'joint' : pin ? 'individual' : weighted(rng, ['individual', 'joint', 'collective'] as const, [63, 22, 15]);
    const spec = pick(rng, CATEGORIES);
    const group = kind === 'collective' ? pick(rng, groups) : null;
    const person = pin ? me : group ? null : author();
    const ctx = group?.ctx ?? person!.ctx;
    const cosigners = kind === 'joint' ? shuffle(rng, others).filter((m) => m.id !== person!.id).slice(0, int(rng, 1, 4)) : [];
    // Most proposals are handed in around the plenary session; the rest through the year, more
    // of them lately (the office is still reviewing some of those).
    const plenaryCase = !pin && chance(rng, 0.85);
    const sinceSession = Math.max(1, (until - plenary) / DAY - 20);
    const written = pin
      ? anyTime(rng, until - { draft: 3, cosigning: 2, submitted: 4, accepted: 20 }[pin] * DAY)
      : plenaryCase ? anyTime(rng, plenary - int(rng, 2, 15) * DAY) : anyTime(rng, until - Math.floor(rng() ** 0.8 * sinceSession) * DAY);
    if (written > until) continue;
    cal.at(written, async () => {
      const id = await draft({ spec, kind, ctx, cosigners: cosigners.map((m) => m.id) });
      if (pin === 'draft') return;
      const c: Case = { id, spec, author: ctx, kind, state: 'filed', pin };
      const filedAt = Math.min(until - 3_600_000, plenaryCase ? Math.max(written + 3_600_000, anyTime(rng, plenary + int(rng, 0, 2) * DAY)) : written + int(rng, 1, 30) * 3_600_000);
      cal.at(Math.max(filedAt, written + 60_000), async () => {
        await file(ctx, id, s.fileIn.parse({}));
        let answers = clockNow();
        for (const m of cosigners) {
          answers = pin === 'cosigning' ? after : Math.max(anyTime(rng, answers + int(rng, 0, 2) * DAY), answers + int(rng, 10, 600) * 1000);
          cal.at(answers, () => cosign(m.ctx, id, s.cosignIn.parse({ decision: chance(rng, 0.95) ? 'confirm' : 'decline' })).then(() => {}));
        }
        const reviewAt = pin === 'submitted' ? after : pin === 'accepted' ? until - 5 * DAY : answers + (plenaryCase ? int(rng, 10, 28) : int(rng, 3, 12)) * DAY;
        review(c, Math.max(reviewAt, answers), plenaryCase);
      });
    });
  }

  function review(c: Case, when: number, plenaryCase: boolean) {
    cal.at(officeTime(rng, when), async () => {
      const state = (await db.selectFrom('proposals').select('state').where('id', '=', c.id).executeTakeFirstOrThrow()).state;
      if (state !== 'submitted') return; // co-signers still to answer: the office waits
      const fate = c.pin ? 'accept' : weighted(rng, ['accept', 'reject', 'merge', 'convert'] as const, [92, 4, 2.5, 1.5]);
      const candidates = open.filter((o) => o.spec === c.spec).map((o) => o.id).slice(-5);
      const target = candidates.length
        ? await db.selectFrom('proposals').select('id').where('id', 'in', candidates).where('state', 'in', ['accepted', 'handling']).executeTakeFirst()
        : undefined;
      if (fate === 'reject') {
        c.state = 'gone';
        return reject(staff, c.id, s.rejectIn.parse({ reasonId: pick(rng, reasons).id, text: '建议通过社情民意信息或信访渠道反映。' }));
      }
      if (fate === 'merge' && target) {
        c.state = 'gone';
        return merge(staff, target.id, s.mergeIn.parse({ sourceIds: [c.id] }));
      }
      if (fate === 'convert' && c.kind !== 'collective') {
        c.state = 'gone';
        return convert(staff, c.id, s.convertIn.parse({ category: c.spec.opinion })).then(() => {});
      }
      await accept(staff, c.id);
      c.state = 'accepted';
      open.push(c);
      const assignAt = c.pin ? until + DAY : later(rng, clockNow(), 3, 10);
      if (plenaryCase && keyLeft > 0 && chance(rng, 0.06)) {
        keyLeft--;
        markKey(c, later(rng, clockNow(), 1, 3));
      }
      cal.at(assignAt, () => assignUnits(c));
    });
  }

  function markKey(c: Case, when: number) {
    cal.at(when, async () => {
      await setKey(staff, c.id, f.keyIn.parse({ key: true }));
      const sponsors = shuffle(rng, leaders).slice(0, int(rng, 1, 2));
      await setSponsors(staff, c.id, f.sponsorsIn.parse({ userIds: sponsors.map((l) => l.userId) }));
      const meeting = later(rng, when, 30, 60);
      cal.at(meeting, () =>
        logProgress(sponsors[0]!.ctx, c.id, f.progressIn.parse({ kind: 'meeting', heldOn: chinaDate(new Date(meeting)), text: '领办领导召开重点提案督办座谈会，听取承办单位办理情况汇报，与提案人面对面沟通，明确下一步工作要求。' })).then(() => {}));
    });
  }

  async function assignUnits(c: Case) {
    const lead = unitId(pick(rng, c.spec.lead));
    if (lead === undefined) return;
    const pool = unitsOf(c.spec).map(unitId).filter((u): u is number => u !== undefined && u !== lead);
    const separate = chance(rng, 0.08) && pool.length > 0;
    const units = separate
      ? [{ unitId: lead, role: 'separate' as const }, { unitId: pick(rng, pool), role: 'separate' as const }]
      : [{ unitId: lead, role: 'lead' as const }, ...shuffle(rng, pool).slice(0, chance(rng, 0.45) ? int(rng, 1, 2) : 0).map((u) => ({ unitId: u, role: 'assisting' as const }))];
    await assign(staff, c.id, s.assignIn.parse({ units }));
    const rows = await db.selectFrom('proposal_assignments').select(['id', 'unit_id', 'role']).where('proposal_id', '=', c.id).where('state', '=', 'assigned').execute();
    for (const a of rows) handle(c, a, clockNow());
  }

  function handle(c: Case, a: { id: number; unit_id: number; role: string }, from: number) {
    const unit = cast.units.get(a.unit_id)!.ctx;
    const signedAt = later(rng, from, 1, 4);
    // Now and then a unit finds the matter outside its remit; the office moves it to another lead unit.
    if (a.role !== 'assisting' && c.spec.lead.length > 1 && chance(rng, 0.03)) {
      cal.at(signedAt, async () => {
        const busy = (await db.selectFrom('proposal_assignments').select('unit_id').where('proposal_id', '=', c.id).where('state', '!=', 'withdrawn').execute()).map((r) => r.unit_id);
        const elsewhere = c.spec.lead.map(unitId).find((u) => u !== undefined && !busy.includes(u));
        if (elsewhere === undefined) return sign(unit, c.id, a.id).then(() => replyLater(c, a.id, unit, signedAt, [20, 55]));
        await requestReassign(unit, c.id, a.id, s.reasonIn.parse({ reason: '该事项主要职责不在本单位，建议调整主办单位。' }));
        cal.at(later(rng, signedAt, 1, 5), async () => {
          await reassign(staff, c.id, a.id, s.reassignIn.parse({ unitId: elsewhere }));
          const moved = await db.selectFrom('proposal_assignments').select(['id', 'unit_id', 'role']).where('proposal_id', '=', c.id).where('unit_id', '=', elsewhere).where('state', '=', 'assigned').executeTakeFirst();
          if (moved) handle(c, moved, clockNow());
        });
      });
      return;
    }
    cal.at(signedAt, async () => {
      await sign(unit, c.id, a.id);
      if (a.role === 'assisting') {
        // Within 3–12 days of signing (weekends add at most two): the lead unit replies no sooner
        // than 27 days after it signs (contact after 7 days, reply 20 after that), and a reply
        // closes the proposal to assisting opinions.
        cal.at(later(rng, signedAt, 3, 12), () => sendOpinion(unit, c.id, a.id, s.assistOpinionIn.parse({ text: '我单位同意主办单位的办理意见，将在职责范围内配合落实，并提供相关数据和政策支持。' })).then(() => {}));
        return;
      }
      const contactAt = later(rng, signedAt, 7, 30);
      cal.at(contactAt, () =>
        recordContact(unit, c.id, a.id, s.contactIn.parse({ contactedOn: chinaDate(new Date(contactAt)), way: pick(rng, ['visit', 'visit', 'meeting', 'phone'] as const), summary: '与提案人沟通办理思路，听取意见建议，通报相关工作进展。' })).then(() => {}));
      replyLater(c, a.id, unit, contactAt, chance(rng, 0.04) ? [95, 115] : [20, 55]);
    });
  }

  function replyLater(c: Case, assignmentId: number, unit: Ctx, from: number, days: [number, number]) {
    const replyAt = later(rng, from, days[0], days[1]);
    cal.at(replyAt, async () => {
      const cls = weighted(rng, ['A', 'B', 'C'] as const, [56, 39, 5]);
      const name = (await db.selectFrom('proposals').select('proposer_name').where('id', '=', c.id).executeTakeFirstOrThrow()).proposer_name;
      await reply(unit, c.id, assignmentId, s.replyIn.parse({
        class: cls, classReason: cls === 'C' ? '受当前财力和政策所限，暂难实施，留作今后工作参考。' : undefined,
        letterText: `${name}：\n您提出的提案收悉。我单位高度重视，经认真研究，现答复如下：……\n感谢您对我市工作的关心和支持。`,
      }));
      // One of the latest replies still waits for the proposer's rating (the state 'replied').
      const waits = !repliedShown && replyAt > until - 30 * DAY;
      repliedShown ||= waits;
      rate(c, assignmentId, unit, waits ? after : Math.max(anyTime(rng, replyAt + int(rng, 3, 20) * DAY), replyAt + 3_600_000));
    });
  }

  /** The author rates a reply once every unit has replied (separate units reply one by one). */
  function rate(c: Case, assignmentId: number, unit: Ctx, when: number) {
      cal.at(when, async () => {
        const now = (await db.selectFrom('proposals').select('state').where('id', '=', c.id).executeTakeFirstOrThrow()).state;
        if (now === 'handling') return rate(c, assignmentId, unit, anyTime(rng, when + int(rng, 3, 7) * DAY));
        // One of the latest ratings is unsatisfied and waits for the office's decision (the state 'evaluated').
        const showEvaluated = !evaluatedShown && when > until - 90 * DAY;
        const result = showEvaluated ? 'unsatisfied' : weighted(rng, ['satisfied', 'basically_satisfied', 'unsatisfied'] as const, [78, 19, 3]);
        await evaluate(c.author, c.id, assignmentId, s.evaluateIn.parse({ result, comment: result === 'unsatisfied' ? '答复未回应提案提出的主要问题，建议重新研究办理。' : undefined }));
        const state = (await db.selectFrom('proposals').select('state').where('id', '=', c.id).executeTakeFirstOrThrow()).state;
        if (state !== 'evaluated') return;
        // Shown once the evaluation is complete (a unit of several rated alone does not complete it).
        evaluatedShown ||= showEvaluated;
        // Whichever rating completes the evaluation orders the next round; the units rated
        // unsatisfied (not always this one, when separate units replied) handle it again.
        const again = showEvaluated ? after : later(rng, clockNow(), 5, 15);
        cal.at(again, async () => {
          const still = (await db.selectFrom('proposals').select('state').where('id', '=', c.id).executeTakeFirstOrThrow()).state;
          if (still !== 'evaluated') return;
          await anotherRound(staff, c.id, s.anotherRoundIn.parse({}));
          const reopened = await db.selectFrom('proposal_assignments').select(['id', 'unit_id']).where('proposal_id', '=', c.id).where('state', '=', 'signed').execute();
          for (const a of reopened) replyLater(c, a.id, cast.units.get(a.unit_id)!.ctx, again, [20, 40]);
        });
      });
  }
}

/** The moment of the act being played. */
const clockNow = () => clock.now().getTime();
