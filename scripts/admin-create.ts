// npm run admin:create -- --username … --display-name … [--password …]
//   on an empty install also: --division <code> --level province|city|county --term <n>
//     --term-start <YYYY-MM-DD> --session-opens <YYYY-MM-DD> [--session-opens …] [--name …]
//   creates the first admin and the organization, as the set-up page does;
//   on a set-up install: --organization <id> adds another admin there.
// Without --password a password is generated and printed once. Exit 2: bad arguments; 1: refused.
import { parseArgs } from 'node:util';
import { randomPassword } from '../server/src/platform/auth/password.js';
import { describeError, openDatabase } from '../server/src/modules/setup/cli.js';
import { addAdmin, setUp } from '../server/src/modules/setup/commands.js';
import { setupInput } from '../server/src/modules/setup/schema.js';
import { setupDone } from '../server/src/modules/setup/service.js';
import { fieldErrors } from '../server/src/platform/validation.js';
import { AppError } from '../server/src/platform/errors.js';

const usage = `Usage:
  npm run admin:create -- --username <name> --display-name <name> [--password <password>]
      --division <6-digit code> --level province|city|county --term <n> --term-start <YYYY-MM-DD>
      --session-opens <YYYY-MM-DD> [--session-opens <YYYY-MM-DD> …] [--name <organization name>]
  npm run admin:create -- --username <name> --display-name <name> [--password <password>] --organization <id>`;

const flags = {
  username: 'username', displayName: 'display-name', password: 'password', divisionCode: 'division', level: 'level',
  name: 'name', termNumber: 'term', termStartsOn: 'term-start', sessions: 'session-opens', organizationId: 'organization',
} as const;
/** body.termStartsOn → --term-start, body.sessions.1.opensOn → --session-opens (2nd) */
const option = (field: string) => {
  const [, key, index] = field.split('.');
  const flag = flags[key as keyof typeof flags];
  if (!flag) return field;
  return index !== undefined && key === 'sessions' ? `--${flag} (${Number(index) + 1})` : `--${flag}`;
};

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: Object.fromEntries(Object.values(flags).map((f) => [f, { type: 'string' as const, multiple: f === 'session-opens' }])),
    strict: true,
    allowPositionals: false,
  }).values as Record<string, string | string[] | undefined>;
} catch (e) {
  fail(2, `${(e as Error).message}\n${usage}`);
}
const arg = (f: string) => args[f] as string | undefined;
for (const f of ['username', 'display-name']) if (!arg(f)) fail(2, `--${f} is required (必填)\n${usage}`);
const generated = !arg('password');
const password = arg('password') ?? randomPassword();

const { ctx, close } = await openDatabase();
try {
  let what: string;
  if (arg('organization') !== undefined) {
    const organizationId = Number(arg('organization'));
    if (!Number.isInteger(organizationId) || organizationId < 1) fail(2, `--organization: 应为政协组织的编号 (an organization id)\n${usage}`);
    await addAdmin(ctx, { organizationId, username: arg('username')!, displayName: arg('display-name')!, password });
    what = `admin ${arg('username')} added to organization ${organizationId} (已添加管理员)`;
  } else {
    if (await setupDone(ctx.db)) {
      const orgs = await ctx.db.selectFrom('organizations').select(['id', 'name']).orderBy('id').limit(20).execute();
      fail(1, `系统已完成初始设置；用 --organization <id> 为已有组织添加管理员。\nSet-up is already done; add an admin to an existing organization with --organization <id>:\n${orgs.map((o) => `  ${o.id}  ${o.name}`).join('\n')}`);
    }
    const parsed = setupInput.safeParse({
      username: arg('username'), displayName: arg('display-name'), password, level: arg('level'), divisionCode: arg('division'),
      name: arg('name'), termNumber: arg('term') === undefined ? undefined : Number(arg('term')), termStartsOn: arg('term-start'),
      sessions: ((args['session-opens'] as string[] | undefined) ?? []).map((opensOn, i) => ({ number: i + 1, opensOn })),
    });
    if (!parsed.success) fail(2, `${fieldErrors(parsed.error.issues, 'body').map((f) => `  ${option(f.field)}: ${f.message} (${f.message_en})`).join('\n')}\n${usage}`);
    const done = await setUp(ctx, parsed.data, null, 'command line');
    what = `set-up done (初始设置完成): organization ${done.organizationId}${done.countyOrganizations ? ` with ${done.countyOrganizations} county CPPCCs` : ''}, admin ${arg('username')}`;
  }
  console.log(what);
  if (generated) console.log(`Password (密码, shown once): ${password}`);
} catch (e) {
  console.error(describeError(e, option));
  process.exitCode = e instanceof AppError && e.status === 400 ? 2 : 1;
} finally {
  await close();
}
