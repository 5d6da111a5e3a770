// What the start of the server and the scripts use of set-up.
import type { Services } from '../../platform/context.js';
import { newSetupToken } from './commands.js';
import { setupDone } from './queries.js';
import { hasLiveToken, setupLink, TOKEN_TTL_MS } from './tokens.js';

export { newSetupToken, setupDone, setupLink };

/** The lines to print about a set-up link. */
export const linkLines = (link: string) => [
  '',
  '商量 Shangliang: 系统尚未完成初始设置 (set-up is not done yet)',
  `  在浏览器中打开此链接创建首个管理员和政协组织（${TOKEN_TTL_MS / 3_600_000} 小时内有效，仅可使用一次）:`,
  `  Open this link to create the first admin and the organization (valid ${TOKEN_TTL_MS / 3_600_000} hours, once):`,
  `  ${link}`,
  '  新链接 (a new link): npm run setup:token',
  '',
];

/**
 * At start: while no admin exists and no unused link is live, a new link to print. A live link is
 * left alone (only its hash is kept, so it cannot be printed again): another process or an earlier
 * start printed it, and `npm run setup:token` replaces it.
 */
export async function setupLinkAtStart(services: Services, baseUrl: string): Promise<string[] | null> {
  if (await setupDone(services.db)) return null;
  if (await hasLiveToken(services.db))
    return ['', '商量 Shangliang: 系统尚未完成初始设置，请使用先前输出的设置链接，或运行 npm run setup:token 生成新链接', '  Set-up is not done: use the link printed before, or run npm run setup:token for a new one', ''];
  return linkLines(setupLink(baseUrl, await newSetupToken(services)));
}
