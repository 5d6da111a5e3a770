// Copied into a checkout of a release and run there by scripts/make-upgrade-fixture.sh: a database
// made by that release's own code, with a row or more in each main table written through its API.
// Writes <out>.db (SQLite) or <out>.sql (PostgreSQL, plain SQL), and the ids and password in <out>.json.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { testServer } from './harness.js';
import { hashPassword } from '../platform/auth/password.js';

const out = process.argv[2]!;
const password = 'Upgrade-pass-2026';
const t = await testServer();
await t.services.db.updateTable('users').set({ password_hash: await hashPassword(password) }).execute();
t.fixture.password = password;
const [admin, staff] = [await t.as('admin'), await t.as('staff')];
const ok = <T extends { statusCode: number; body: string }>(res: T, code = 200) => (assert.equal(res.statusCode, code, res.body), res);

const memberId = ok(await staff.post('/api/orgs/members', { organizationId: t.fixture.city, termId: t.fixture.cityTerm, name: '升级测试委员', gender: 'female', birthYear: 1972, ethnicity: '汉族', politicalAffiliation: '中国民主同盟', sectorId: t.fixture.sectors['经济界'], workplace: '嘉兴学院', phone: null }), 201).data.id as number;
await t.services.db.updateTable('users').set({ member_id: memberId }).where('username', '=', 'member').execute();
const member = await t.as('member');
const categoryId = ok(await admin.post('/api/proposals/categories', { organizationId: t.fixture.city, name: '经济建设' }), 201).data.id as number;
const proposalId = ok(await member.post('/api/proposals', { kind: 'individual', title: '关于加快推进城乡公交一体化的建议', reasons: '当前我市城乡公交线路覆盖不均衡，部分偏远村镇班次少、间隔长，群众出行不便。', suggestions: '一、优化线路布局；二、加快公交场站建设；三、推广需求响应式公交。', categoryId }), 201).data.id as number;
ok(await member.post(`/api/proposals/${proposalId}/file`, {}));
ok(await staff.post(`/api/proposals/${proposalId}/accept`, {}));
const opinionId = ok(await member.post('/api/opinions', { organizationId: t.fixture.city, title: '关于加强社区养老服务的建议', text: '社区居家养老服务供给不足，助餐、助浴等服务覆盖面窄，建议加大投入。', category: 'elderly' }), 201).data.id as number;
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const meetingId = ok(await staff.post('/api/consultations/meetings', { type: 'thematic', topic: '推进城乡教育优质均衡发展专题协商会', startsAt: inHours(24 * 365), endsAt: inHours(24 * 365 + 3), place: '市政协三楼会议室', online: false, publicSeats: 20, agenda: [{ title: '委员发言' }], invitedMemberIds: [memberId] }), 201).data.id as number;
ok(await staff.post(`/api/consultations/meetings/${meetingId}/publish`, {}));

if (t.config.databaseUrl) {
  const dump = execFileSync('pg_dump', ['--format=plain', '--inserts', '--no-owner', '--no-privileges', '--dbname', t.config.databaseUrl], { encoding: 'utf8', maxBuffer: 1 << 28 });
  // Plain SQL that any client can run: psql's meta-commands (\restrict of recent pg_dumps) dropped.
  fs.writeFileSync(`${out}.sql`, dump.split('\n').filter((line) => !line.startsWith('\\')).join('\n'));
} else {
  const db = new SQLite(path.join(t.config.dataDir, 'shangliang.db'));
  await db.backup(`${out}.db`);
  db.close();
  // The search file is left out: the server rebuilds it from the reports at start.
  const copy = new SQLite(`${out}.db`);
  copy.pragma('journal_mode = DELETE');
  copy.exec('vacuum');
  copy.close();
}
// One file for both databases: the ids of each, by dialect.
const known = fs.existsSync(`${out}.json`) ? JSON.parse(fs.readFileSync(`${out}.json`, 'utf8')) : {};
const ids = { organizationId: t.fixture.city, memberId, proposalId, opinionId, meetingId };
fs.writeFileSync(`${out}.json`, `${JSON.stringify({ ...known, password, [t.services.dialect]: ids }, null, 2)}\n`);
await t.close();
