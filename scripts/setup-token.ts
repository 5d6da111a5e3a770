// npm run setup:token: a new one-time set-up link for the database in the environment
// (DATABASE_URL or SHANGLIANG_DATA_DIR), replacing any older unused one. Refused once set-up is done.
import { describeError, openDatabase } from '../server/src/modules/setup/cli.js';
import { configuredBaseUrl } from '../server/src/platform/public-url.js';
import { linkLines, newSetupToken, setupDone, setupLink } from '../server/src/modules/setup/service.js';

const { config, ctx, close } = await openDatabase();
try {
  if (await setupDone(ctx.db)) {
    console.error('系统已完成初始设置，不再生成设置链接；请用管理员账号登录，或用 npm run admin:create -- --organization <id> 添加管理员。');
    console.error('Set-up is already done: no set-up link is issued. Sign in as an admin, or add one with npm run admin:create -- --organization <id>.');
    process.exitCode = 1;
  } else {
    console.log(linkLines(setupLink(configuredBaseUrl(config), await newSetupToken(ctx))).join('\n'));
  }
} catch (e) {
  console.error(describeError(e));
  process.exitCode = 1;
} finally {
  await close();
}
