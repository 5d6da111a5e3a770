// The demo city's year of public opinion, acted out through the opinions module's commands: members
// report in the app, the office reports for the contact points, residents scan a place's code and
// raise a concern without an account; the office screens every report (most used, some duplicates,
// some not used with the reason the source sees), hands some residents' concerns to the unit whose
// remit they are (the unit answers), compiles a 《社情民意》 issue every week, forwards it, and records
// what came back: a few percent adopted by the province and the nation, more by the city, with
// leaders' instructions and departments' answers. About 1,250 reports at full scale, as the
// reference city compiled 1,125 in a year.
import type { Ctx, Services } from '../platform/context.js';
import type { AdoptionLevel } from '../platform/db/types.js';
import * as s from '../modules/opinions/schema.js';
import { screen, submitReport } from '../modules/opinions/commands.js';
import { compile } from '../modules/opinions/issues.js';
import { forwardIssue, recordAdoption, recordFeedback, recordInstruction } from '../modules/opinions/results.js';
import { answerHandoff, handOff } from '../modules/opinions/handoffs.js';
import { ensureQrCode, placeOfCode, submitResident } from '../modules/opinions/public.js';
import { moduleKeys } from '../modules/opinions/keys.js';
import { GroupCommit } from '../modules/opinions/group-commit.js';
import type { Intake } from '../modules/opinions/intake.js';
import { issueChallenge, solveChallenge } from '../platform/challenge.js';
import type { FileStore } from '../platform/files.js';
import type { Config } from '../platform/config.js';
import { addDays, chinaDate, clock } from '../platform/time.js';
import type { Cast } from './actors.js';
import { Calendar, DAY, anyTime, later, officeTime } from './calendar.js';
import { CATEGORIES, type CategorySpec } from './proposal-topics.js';
import type { YearFrame } from './proposals.js';
import { chance, int, pick, shuffle, weighted, type Rng } from './random.js';

const notUsedReasons = ['所反映问题已在办理中，相关部门已作答复', '内容较为笼统，缺少具体情况，建议补充后再次反映', '属个人诉求，已转交有关部门依法处理'];
const adoptedBy: Record<AdoptionLevel, string> = { national: '全国政协办公厅', province: '浙江省政协办公厅', city: '中共嘉兴市委办公室' };
const instructedBy: Record<AdoptionLevel, string> = { national: '全国政协领导', province: '省政协主席', city: '市委书记' };
const today = () => chinaDate(clock.now());

/**
 * The queued reports are taken by the server's intake once it runs (search, grouping, points),
 * as after a restart; the seed does not wait for it.
 */
const deferredIntake = { process: async () => {}, kick: () => {} } as unknown as Intake;

function writeReport(rng: Rng, spec: CategorySpec) {
  const problem = pick(rng, spec.problems);
  const measures = shuffle(rng, spec.measures).slice(0, int(rng, 1, 2));
  return { title: `关于${pick(rng, spec.subjects)}的建议`, text: `${problem}建议：${measures.join('；')}。` };
}

export async function seedOpinions(services: Services & { config: Config }, cast: Cast, cal: Calendar, rng: Rng, frame: YearFrame): Promise<void> {
  const { db, config } = services;
  const { city, yearStart, until, scale } = frame;
  const { staff, members } = cast;
  const places = await db.selectFrom('places').select(['id', 'kind', 'organization_id']).where('organization_id', '=', city).where('active', '=', 1).orderBy('id').execute();
  const points = places.filter((p) => p.kind === 'contact_point');
  const scanned = places.filter((p) => p.kind !== 'contact_point');
  if (members.length < 10 || points.length === 0 || scanned.length === 0) return;
  const keys = moduleKeys(config);
  const deps = { keys, files: null as unknown as FileStore, config, commits: new GroupCommit(db), intake: deferredIntake };
  const resident: Ctx = { ...staff, actor: null, ip: null };
  const span = until - yearStart - 2 * DAY;
  if (span < 7 * DAY) return; // the first days of a year have nothing to show yet
  const total = Math.round((span / (365 * DAY)) * 1250 * scale);
  // The office's desk: accepted reports waiting for the next issue, oldest first.
  const waiting: number[] = [];
  const handled: { id: number; at: number }[] = [];

  for (let n = 0; n < total; n++) {
    const source = weighted(rng, ['member', 'contact_point', 'resident'] as const, [55, 25, 20]);
    // The office enters the contact points' reports in office hours; members and residents write any day.
    const day = yearStart + 2 * DAY + Math.floor(rng() * span);
    const submitted = source === 'contact_point' ? officeTime(rng, day) : anyTime(rng, day);
    if (submitted > until) continue;
    const spec = pick(rng, CATEGORIES);
    cal.at(submitted, async () => {
      const { title, text } = writeReport(rng, spec);
      let id: number;
      if (source === 'resident') {
        const place = pick(rng, scanned);
        const code = await db.transaction().execute((trx) => ensureQrCode(staff, trx, place));
        const found = await placeOfCode(db, code);
        const challenge = issueChallenge(keys.challenge, 1, `q:${code.toLowerCase()}`);
        const fields = { text, category: spec.opinion, challenge: challenge.token, solution: solveChallenge(challenge.nonce, 1) };
        id = (await submitResident(resident, deps, code, found, fields, [])).id;
      } else {
        const member = pick(rng, members);
        const co = chance(rng, 0.15) ? [pick(rng, members).id].filter((m) => m !== member.id) : [];
        const ctx = source === 'member' ? member.ctx : staff;
        const input = s.reportIn.parse({ organizationId: city, title, text, category: spec.opinion, coReporterIds: source === 'member' ? co : [], ...(source === 'contact_point' && { contactPointId: pick(rng, points).id }) });
        id = await submitReport(ctx, deps.intake, input);
      }
      cal.at(later(rng, submitted, 1, 4), () => screenOne(id, spec, source === 'resident'));
    });
  }

  async function screenOne(id: number, spec: CategorySpec, residentConcern: boolean) {
    const earlier = handled.at(-int(rng, 1, 5));
    if (earlier && chance(rng, 0.05)) return screen(staff, id, s.screenIn.parse({ event: 'mark_duplicate', duplicateOf: earlier.id }));
    if (chance(rng, 0.06)) return screen(staff, id, s.screenIn.parse({ event: 'not_use', reason: pick(rng, notUsedReasons) }));
    await screen(staff, id, s.screenIn.parse({ event: 'accept' }));
    handled.push({ id, at: clock.now().getTime() });
    waiting.push(id);
    // Some residents' concerns go to the unit whose remit they are, which answers within weeks.
    const unitId = cast.unitByName(spec.lead[0]!);
    if (!residentConcern || unitId === undefined || !chance(rng, 0.3)) return;
    await handOff(staff, id, s.handOffIn.parse({ unitId, deadline: addDays(today(), 30) }));
    const handoff = await db.selectFrom('opinion_handoffs').select('id').where('opinion_id', '=', id).executeTakeFirstOrThrow();
    const answerAt = later(rng, clock.now().getTime(), 3, 20);
    cal.at(answerAt, () => answerHandoff(cast.units.get(unitId)!.ctx, handoff.id, s.handoffAnswerIn.parse({ text: '已会同属地镇（街道）现场核实，相关问题已列入整改计划，将于近期落实。', answeredOn: chinaDate(new Date(answerAt)) })).then(() => {}));
  }

  // An issue every week (Thursdays' office hours), forwarded to the city's party committee and
  // government the next day, and every fourth to the provincial CPPCC.
  let week = 0;
  for (let day = yearStart + 10 * DAY; day < until; day += 7 * DAY) {
    const n = ++week;
    cal.at(officeTime(rng, day), async () => {
      const items = waiting.splice(0, 40);
      if (items.length === 0) return;
      const issue = await compile(staff, s.compileIn.parse({ organizationId: city, items: items.map((opinionId) => ({ opinionId })) }));
      const sentAt = later(rng, clock.now().getTime(), 1, 2);
      cal.at(sentAt, async () => {
        const sentOn = today();
        await forwardIssue(staff, issue.id, s.forwardIn.parse({ recipient: 'city_party_committee', sentOn }));
        await forwardIssue(staff, issue.id, s.forwardIn.parse({ recipient: 'city_government', sentOn }));
        if (n % 4 === 0) await forwardIssue(staff, issue.id, s.forwardIn.parse({ recipient: 'province_cppcc', sentOn }));
        for (const id of items) outcome(id, sentAt);
      });
    });
  }

  function outcome(id: number, sentAt: number) {
    const level = weighted(rng, ['national', 'province', 'city', null] as const, [2.2, 7.4, 6, 84.4]);
    if (!level) return;
    const back = later(rng, sentAt, 21, 42);
    cal.at(back, async () => {
      await recordAdoption(staff, id, s.adoptionIn.parse({ level, adoptedBy: adoptedBy[level], adoptedOn: today() }));
      if (chance(rng, 0.35)) {
        const at = later(rng, back, 1, 5);
        cal.at(at, () => recordInstruction(staff, id, s.instructionIn.parse({ leader: instructedBy[level], level, instructedOn: today(), text: '请有关部门认真研究，提出具体措施。' })));
      }
      const answered = later(rng, back, 7, 20);
      cal.at(answered, async () => {
        const fromName = pick(rng, CATEGORIES.flatMap((c) => c.lead));
        await recordFeedback(staff, id, s.feedbackIn.parse({ fromName, text: `${fromName}已研究采纳相关建议，列入年度重点工作推进，并将适时向社会公布进展。`, receivedOn: today(), final: true }));
      });
    });
  }
}
