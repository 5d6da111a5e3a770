// Migration 024 on a database as the previous version left it: every consultation suggestion moves
// to the shared tables with its id, units, answers and audit history; the outcome report still
// lists it; the old tables are gone; new suggestions take ids after the old ones (PostgreSQL's
// sequence included). Run on SQLite, or on PostgreSQL when DATABASE_URL is set.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/connect.js';
import { migrate } from '../../platform/db/migrate.js';
import { oldDatabase } from '../../test/old-database.js';
import { insertUser } from '../accounts/service.js';
import { timeline } from './queries.js';

let conn: Db;
let old: Kysely<any>;
let close: () => Promise<void>;
const at = '2025-05-20T02:00:00.000Z';

before(async () => {
  ({ conn, old, close } = await oldDatabase('023_halls_network'));
  // The rows the previous version made: an organization, a unit, a staff account, a meeting with
  // two suggestions (ids 7 and 9: ids need not be contiguous), an answer, an outcome and history.
  const org = (await old.insertInto('organizations').values({ name: '嘉兴市政协', level: 'city', parent_id: null, division_code: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const unit = (await old.insertInto('handling_units').values({ organization_id: org, name: '市教育局', contact_name: null, contact_phone: null, active: 1, sort: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  const user = await insertUser(conn.db, { username: 'staff', displayName: '办公室', passwordHash: 'x', organizationId: org, roles: ['staff'] });
  const meeting = (await old.insertInto('consultation_meetings').values({
    organization_id: org, type: 'thematic', topic: '教育均衡专题协商会', starts_at: at, ends_at: at, place: '会议室', online: 0, state: 'ended', created_by: user,
    created_at: at, updated_at: at, public_seats: 0, checkin_token: 'tok', votes_per_attendee: 3,
  }).returning('id').executeTakeFirstOrThrow()).id;
  const suggestion = (id: number, state: string, title: string) => ({
    id, organization_id: org, meeting_id: meeting, source_kind: 'speech', source_id: 3, passage: '摘录的段落', source_author: '王委员', title, text: '建议内容',
    state, adoption_note: state === 'adopted' ? '已纳入规划' : null, created_by: user, created_at: at, updated_at: at,
  });
  await old.insertInto('consultation_suggestions').values([suggestion(7, 'adopted', '关于农村学校食堂改造的建议'), suggestion(9, 'assigned', '关于教师交流轮岗的建议')]).execute();
  await old.insertInto('consultation_suggestion_units').values([
    { suggestion_id: 7, unit_id: unit, deadline: '2025-06-30', answer: '已改造 12 所', answered_by: user, answered_at: at, assigned_at: at },
    { suggestion_id: 9, unit_id: unit, deadline: '2025-07-31', answer: null, answered_by: null, answered_at: null, assigned_at: at },
  ]).execute();
  const outcome = (await old.insertInto('consultation_outcomes').values({ organization_id: org, meeting_id: meeting, title: '协商成果', summary: '摘要', created_by: user, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  await old.insertInto('consultation_outcome_suggestions').values([{ outcome_id: outcome, suggestion_id: 9, position: 1 }, { outcome_id: outcome, suggestion_id: 7, position: 2 }]).execute();
  for (const action of ['create', 'assign', 'answer', 'adopt'])
    await old.insertInto('audit_log').values({ at, actor_id: user, actor_name: '办公室', action, entity_type: 'consultation_suggestion', entity_id: '7', organization_id: org, before: null, after: '{}', ip: null }).execute();
});

after(() => close());

describe('migration 024', () => {
  it('moves every consultation suggestion with its id, units, answers and history, and drops the old tables', async () => {
    assert.deepEqual((await migrate(old, conn.dialect)).slice(0, 1), ['024_suggestions']);
    const { db } = conn;
    const rows = await db.selectFrom('suggestions').selectAll().orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.id, r.source_type, r.origin_kind, r.origin_id, r.passage, r.origin_author, r.title, r.state, r.adoption_note]), [
      [7, 'consultation_meeting', 'speech', 3, '摘录的段落', '王委员', '关于农村学校食堂改造的建议', 'adopted', '已纳入规划'],
      [9, 'consultation_meeting', 'speech', 3, '摘录的段落', '王委员', '关于教师交流轮岗的建议', 'assigned', null],
    ]);
    const units = await db.selectFrom('suggestion_units').selectAll().orderBy('suggestion_id').execute();
    assert.deepEqual(units.map((u) => [u.suggestion_id, u.deadline, u.answer, u.answered_at, u.reminded_at]), [[7, '2025-06-30', '已改造 12 所', at, null], [9, '2025-07-31', null, null, null]]);
    assert.deepEqual((await timeline(db, 7)).map((e) => e.action), ['create', 'assign', 'answer', 'adopt']);
    assert.equal(Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('entity_type', '=', 'consultation_suggestion').executeTakeFirstOrThrow()).n), 0);
    const links = await db.selectFrom('consultation_outcome_suggestions').select(['suggestion_id', 'position']).orderBy('position').execute();
    assert.deepEqual(links.map((l) => l.suggestion_id), [9, 7]);
    await assert.rejects(old.selectFrom('consultation_suggestions').selectAll().execute());
    await assert.rejects(old.selectFrom('consultation_suggestion_units').selectAll().execute());
    // The link table points at the new table: a link to no suggestion is refused.
    await assert.rejects(db.insertInto('consultation_outcome_suggestions').values({ outcome_id: 1, suggestion_id: 12345, position: 3 }).execute());
    // A new suggestion takes the next id after the moved ones.
    const next = await db.insertInto('suggestions').values({ ...rows[0]!, id: undefined, title: '新建议', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    assert.equal(next.id, 10);
  });
});
