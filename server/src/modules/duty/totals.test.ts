// Members' kept totals (duty_totals): on PostgreSQL an act moves its member's total by its own
// events, in the statement that records them (recording.ts). Whatever the acts, retries, withdrawals,
// rule changes and commands at the same moment, the kept totals never drift from scoring every
// event again: the office's list sorted by points (kept) equals the list sorted by name (scored on
// the spot), and a full re-scoring writes the very rows that were kept.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testServer, untilOneWaits, type Agent, type TestServer } from '../../test/harness.js';
import { insertMember, type MemberProfile } from '../../test/people.js';
import type { DutyDeclaration, DutyFact } from '../../platform/duty.js';
import { chinaYear } from '../../platform/time.js';
import { modules } from '../index.js';
import { allKinds } from './kinds.js';
import { replaceDuty } from './service.js';
import { keptOf, refreshTotals } from './totals.js';

const PROFILE: MemberProfile = { gender: 'male', birthYear: 1970, affiliation: '无党派人士', sector: '经济界', workplace: '嘉兴某企业', title: '工程师' };
const year = chinaYear();
// Kinds with whole, half and negative points; one of them gets a cap below.
const KINDS = ['speech_given', 'offline_training', 'proposal_cosigned', 'meeting_absent', 'offline_other'];

let t: TestServer;
let admin: Agent, staff: Agent;
let members: number[];
/** The acts the test declaration's records hold: source id → the members who did it, and the kind. */
const acts = new Map<number, { memberIds: number[]; kind: string }>();
let nextSource = 1;

const decl: DutyDeclaration = {
  sourceType: 'totals_test_act',
  kinds: allKinds(modules.flatMap((m) => m.duty ?? [])).filter((k) => KINDS.includes(k.code)),
  derive: async (_trx, scope) =>
    (scope.sourceIds ?? [...acts.keys()]).flatMap((sourceId): DutyFact[] => {
      const act = acts.get(sourceId);
      return (act?.memberIds ?? []).map((memberId) => ({ memberId, organizationId: t.fixture.city, year, kind: act!.kind, sourceId, occurredAt: `${year}-06-01T02:00:00.000Z` }));
    }),
};

const recordIn = (sourceIds: number[]) => t.services.db.transaction().execute((trx) => replaceDuty(trx, decl, sourceIds));

/** A small deterministic random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s + 0x6d2b79f5) | 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
}

/** The kept rows of the test's members: total, and each kind's count, points and raw sum. */
async function keptRows() {
  const rows = await t.services.db.selectFrom('duty_totals').select(['member_id', 'total', 'kinds']).where('member_id', 'in', members).where('year', '=', year).orderBy('member_id').execute();
  return rows.map((r) => ({ member: r.member_id, total: Number(r.total), kinds: keptOf(r.kinds) }));
}

/** Kept = scored: the office's two lists agree on every test member, and scoring again rewrites the same rows. */
async function assertNoDrift(step: string) {
  const byPoints = (await staff.get(`/api/duty/members?year=${year}&pageSize=200`)).data.items;
  const byName = (await staff.get(`/api/duty/members?year=${year}&pageSize=200&sort=name&order=asc`)).data.items;
  const pick = (items: { memberId: number; total: number; kinds: object }[]) =>
    items.filter((i) => members.includes(i.memberId)).map((i) => ({ memberId: i.memberId, total: i.total, kinds: i.kinds })).sort((a, b) => a.memberId - b.memberId);
  assert.deepEqual(pick(byPoints), pick(byName), `${step}: the kept totals equal the members scored from their events`);
  const kept = await keptRows();
  await t.services.db.transaction().execute((trx) => refreshTotals(trx, members.map((memberId) => ({ memberId, organizationId: t.fixture.city, year }))));
  // Scoring again also writes a zero row for a member who has not acted yet.
  const again = (await keptRows()).filter((r) => kept.some((k) => k.member === r.member) || r.total !== 0 || Object.keys(r.kinds).length);
  assert.deepEqual(again, kept, `${step}: scoring again writes the rows that were kept`);
}

before(async () => {
  t = await testServer();
  members = [];
  for (let i = 0; i < 5; i++) members.push(await insertMember(t, `积分委员${i}`, t.fixture.city, PROFILE));
  [admin, staff] = (await Promise.all(['admin', 'staff'].map((u) => t.as(u)))) as [Agent, Agent];
});

after(() => t?.close());

describe('kept totals under acts', () => {
  it('never drift from scoring every event, through acts, retries, withdrawals, new co-actors, rule changes and big sources', async () => {
    const next = random(20261206);
    const pickMembers = (n: number) => [...new Set(Array.from({ length: n }, () => members[next(members.length)]!))];
    const rules = [
      [{ kind: 'speech_given', points: 2.5, cap: 10 }, { kind: 'proposal_cosigned', points: 0.5 }],
      [{ kind: 'speech_given', points: 4, cap: null }, { kind: 'offline_training', points: 1.5, cap: 3 }],
      [{ kind: 'meeting_absent', points: -3 }, { kind: 'offline_other', points: 0.3 }],
    ];
    for (let step = 1; step <= 90; step++) {
      const op = next(10);
      if (op < 5 || acts.size === 0) {
        // A new act of one member, or of a few (a joint report).
        const source = nextSource++;
        acts.set(source, { memberIds: pickMembers(op === 0 ? 3 : 1), kind: KINDS[next(KINDS.length)]! });
        await recordIn([source]);
      } else if (op === 5) {
        // A retried command: nothing moves.
        const before = await keptRows();
        await recordIn([[...acts.keys()][next(acts.size)]!]);
        assert.deepEqual(await keptRows(), before, `step ${step}: a retry changes no total`);
      } else if (op === 6) {
        // An act withdrawn (a speech taken back).
        const source = [...acts.keys()][next(acts.size)]!;
        acts.delete(source);
        await recordIn([source]);
      } else if (op === 7) {
        // Another member joins an act (a co-signer confirms).
        const source = [...acts.keys()][next(acts.size)]!;
        const act = acts.get(source)!;
        act.memberIds = [...new Set([...act.memberIds, members[next(members.length)]!])];
        await recordIn([source]);
      } else if (op === 8) {
        const res = await admin.request('PUT', '/api/duty/rules', { organizationId: t.fixture.city, year, rules: rules[next(rules.length)] });
        assert.equal(res.statusCode, 200, res.body);
      } else {
        // A source with many members at once (a meeting's every invitee), and two acts together.
        const source = nextSource++;
        acts.set(source, { memberIds: [...members, ...members.slice(0, 4)].slice(0, 9), kind: 'offline_other' });
        acts.get(source)!.memberIds = [...new Set(acts.get(source)!.memberIds)];
        const other = nextSource++;
        acts.set(other, { memberIds: [members[0]!], kind: 'speech_given' });
        await recordIn([source, other]);
      }
      await assertNoDrift(`step ${step}`);
    }
    const kept = await keptRows();
    assert.equal(kept.length, members.length, 'every member acted');
    assert.ok(kept.some((r) => Object.keys(r.kinds).length >= 3), 'members have several kinds');
    assert.ok(kept.some((r) => r.kinds.speech_given && r.kinds.speech_given.sum > r.kinds.speech_given.points) || kept.some((r) => r.kinds.offline_training && r.kinds.offline_training.sum > r.kinds.offline_training.points), 'a cap holds some kind below its sum');
  });

  it("scores a member's total from their events when the act finds no kept row", async () => {
    const [id] = members;
    const before = (await keptRows()).find((r) => r.member === id)!;
    await t.services.db.deleteFrom('duty_totals').where('member_id', '=', id!).execute();
    const source = nextSource++;
    acts.set(source, { memberIds: [id!], kind: 'offline_training' });
    await recordIn([source]);
    const now = (await keptRows()).find((r) => r.member === id)!;
    assert.equal(now.kinds.offline_training!.count, (before.kinds.offline_training?.count ?? 0) + 1, 'the older events are counted too');
    await assertNoDrift('after a missing row');
  });

  it('counts both acts when two commands record acts of one member at the same moment', async () => {
    const id = members[1]!;
    const [one, two] = [nextSource++, nextSource++];
    acts.set(one, { memberIds: [id], kind: 'offline_other' });
    acts.set(two, { memberIds: [id], kind: 'offline_other' });
    const count = async () => (await keptRows()).find((r) => r.member === id)!.kinds.offline_other?.count ?? 0;
    const before = await count();
    // The first command has recorded its act and is about to commit when the second records its own.
    let commit!: () => void;
    const held = new Promise<void>((r) => (commit = r));
    let first!: () => void;
    const recorded = new Promise<void>((r) => (first = r));
    const a = t.services.db.transaction().execute(async (trx) => {
      await replaceDuty(trx, decl, [one]);
      first();
      await held;
    });
    await recorded;
    const b = recordIn([two]);
    await untilOneWaits(t);
    commit();
    await Promise.all([a, b]);
    assert.equal(await count(), before + 2);
    await assertNoDrift('after two commands at once');
  });
});
