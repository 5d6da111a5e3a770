// npm run setup:token and npm run admin:create as an operator runs them: child processes on the
// database of the environment (a fresh SQLite data directory, or PostgreSQL with DATABASE_URL).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { emptyServer, type EmptyServer } from '../../test/harness.js';

function run(t: EmptyServer, script: 'setup-token' | 'admin-create', args: string[] = []): Promise<{ code: number; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, SHANGLIANG_DATA_DIR: t.config.dataDir, SHANGLIANG_PUBLIC_URL: 'https://zx.example.gov.cn' };
  if (t.config.databaseUrl) env.DATABASE_URL = t.config.databaseUrl;
  else delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { env, timeout: 60_000 }, (error, out, err) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

const counts = async (t: EmptyServer) => ({
  organizations: (await t.services.db.selectFrom('organizations').select('id').execute()).length,
  users: (await t.services.db.selectFrom('users').select('id').execute()).length,
});

describe('npm run setup:token', () => {
  let t: EmptyServer;
  before(async () => {
    t = await emptyServer();
  });
  after(() => t.close());

  it('prints a link whose token works once, then refuses once set-up is done', async () => {
    const first = await run(t, 'setup-token');
    assert.equal(first.code, 0, first.err);
    const link = first.out.match(/https:\/\/zx\.example\.gov\.cn\/setup\?token=([A-Za-z0-9_-]+)/);
    assert.ok(link, first.out);
    const token = link[1]!;

    const body = {
      token, username: 'haining_admin', displayName: '海宁政协管理员', password: 'Haining-2026!', level: 'county', divisionCode: '330481',
      termNumber: 12, termStartsOn: '2022-01-05', sessions: [{ number: 1, opensOn: '2022-01-06' }],
    };
    const res = await t.anonymous().post('/api/setup', body);
    assert.equal(res.statusCode, 201, res.body);
    const org = await t.services.db.selectFrom('organizations').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([org.name, org.level, org.division_code], ['政协海宁市委员会', 'county', '330481']);
    assert.equal((await t.anonymous().post('/api/setup', { ...body, username: 'again' })).statusCode, 409);

    const afterwards = await run(t, 'setup-token');
    assert.notEqual(afterwards.code, 0);
    assert.match(afterwards.err, /已完成初始设置/);
    assert.match(afterwards.err, /Set-up is already done/);
    assert.doesNotMatch(afterwards.out, /token=/);
    assert.equal((await t.services.db.selectFrom('setup_tokens').select('id').where('used_at', 'is', null).execute()).length, 0);
  });
});

describe('npm run admin:create', () => {
  let t: EmptyServer;
  before(async () => {
    t = await emptyServer();
  });
  after(() => t.close());

  const setupArgs = ['--username', 'chief', '--display-name', '嘉兴政协管理员', '--password', 'Chief-pass-2026', '--division', '330400', '--level', 'city',
    '--term', '10', '--term-start', '2022-01-10', '--session-opens', '2022-01-12', '--session-opens', '2023-01-09'];
  const withArg = (flag: string, value: string) => setupArgs.map((a, i) => (setupArgs[i - 1] === flag ? value : a));

  it('refuses bad arguments with a message naming the option, exits non-zero and stores nothing', async () => {
    const cases: [string[], RegExp][] = [
      [setupArgs.filter((_, i) => i > 1), /--username is required/],
      [[...setupArgs, '--colour', 'red'], /Unknown option '--colour'/],
      [withArg('--term-start', '2022-02-30'), /--term-start: 日期格式应为 YYYY-MM-DD \(Dates are written YYYY-MM-DD\)/],
      [withArg('--password', 'weakpass'), /--password: 密码须包含/],
      [withArg('--level', 'county'), /--division: 所选行政区划与层级不符/],
      [setupArgs.slice(0, 6), /--level: .*\n[\s\S]*--term:/],
      [['--username', 'chief', '--display-name', '某', '--organization', 'x'], /--organization: /],
    ];
    for (const [args, message] of cases) {
      const r = await run(t, 'admin-create', args);
      assert.equal(r.code, 2, `${args.join(' ')}\n${r.out}${r.err}`);
      assert.match(r.err, message);
    }
    assert.deepEqual(await counts(t), { organizations: 0, users: 0 });
  });

  it('sets up an empty install: the admin and the city with its county CPPCCs; the admin can sign in', async () => {
    const r = await run(t, 'admin-create', setupArgs);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /set-up done .*with 7 county CPPCCs, admin chief/);
    assert.doesNotMatch(r.out, /Chief-pass-2026/);
    assert.deepEqual(await counts(t), { organizations: 8, users: 1 });
    const login = await t.anonymous().post('/api/auth/login', { username: 'chief', password: 'Chief-pass-2026' });
    assert.equal(login.statusCode, 200);
    assert.deepEqual(login.data.user.roles.map((x: { role: string }) => x.role), ['admin']);
    const setup = await t.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'setup').executeTakeFirstOrThrow();
    assert.equal(JSON.parse(setup.after!).via, 'command line');
  });

  it('then adds another admin to an existing organization, with a generated password shown once', async () => {
    const city = await t.services.db.selectFrom('organizations').select('id').where('level', '=', 'city').executeTakeFirstOrThrow();
    const again = await run(t, 'admin-create', setupArgs.map((a) => (a === 'chief' ? 'chief2' : a)));
    assert.equal(again.code, 1);
    assert.match(again.err, /Set-up is already done/);
    assert.match(again.err, new RegExp(`${city.id}\\s+政协嘉兴市委员会`));

    const missing = await run(t, 'admin-create', ['--username', 'deputy', '--display-name', '副管理员', '--organization', '9999']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /No organization 9999/);

    const taken = await run(t, 'admin-create', ['--username', 'chief', '--display-name', '副管理员', '--organization', String(city.id)]);
    assert.equal(taken.code, 1);
    assert.match(taken.err, /--username: 用户名已被使用/);

    const r = await run(t, 'admin-create', ['--username', 'deputy', '--display-name', '副管理员', '--organization', String(city.id)]);
    assert.equal(r.code, 0, r.err);
    const password = r.out.match(/Password \(密码, shown once\): (\S+)/)?.[1];
    assert.ok(password, r.out);
    const login = await t.anonymous().post('/api/auth/login', { username: 'deputy', password });
    assert.equal(login.statusCode, 200);
    assert.deepEqual(login.data.user.roles, [{ role: 'admin', organizationId: city.id }]);
    assert.deepEqual(await counts(t), { organizations: 8, users: 2 });
  });
});
