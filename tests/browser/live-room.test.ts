// The live room end to end: staff configure the room of an online meeting; a public user (on a
// phone) and a member (on a desktop) see each other's comments appear without reloading; staff
// hide one and it disappears from both pages; staff turn a comment into a suggestion; a stream
// in HLS plays in the page.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, newPage, screenshot, startServer, watchPage, type TestServer, type ViewportName } from './harness.js';

let server: TestServer;
let browser: Browser;
let staffApi: ApiSession;
let meetingId: number;
const contexts: BrowserContext[] = [];
const pages: Record<'staff' | 'public' | 'member', Page> = {} as never;
const problems: string[][] = [];
const stamp = Date.now() % 100000;
// Markup in a comment must show as text, never run.
const publicSays = `小区门口的公交站能否加装雨棚？<b>${stamp}</b>`;
const memberSays = `建议把老旧小区加装电梯纳入民生实事项目 ${stamp}`;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staffApi = await ApiSession.login(server.baseUrl, 'staff');
  const created = await staffApi.request<{ id: number }>('POST', '/api/consultations/meetings', {
    type: 'thematic',
    topic: `推进城乡养老服务一体化网络议政 ${stamp}`,
    startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
    place: '市民中心第一会议室',
    online: true,
    agenda: [{ title: '市民政局通报养老服务工作情况' }, { title: '委员、群众代表发言' }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  meetingId = created.body.id;
  for (const step of ['publish', 'start']) {
    const res = await staffApi.request('POST', `/api/consultations/meetings/${meetingId}/${step}`, {});
    assert.ok(res.status < 300, `${step}: ${res.status} ${JSON.stringify(res.body)}`);
  }
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function openRoom(who: 'staff' | 'public' | 'member', viewport: ViewportName) {
  const { context, page } = await newPage(browser, server.baseUrl, viewport);
  contexts.push(context);
  pages[who] = page;
  problems.push(watchPage(page, who));
  await loginUi(page, who);
  await page.goto(`/consultations/meetings/${meetingId}/live`);
  await page.getByText('实时').first().waitFor();
  return page;
}

/**
 * When a step fails, keeps a screenshot of every open page (headless pages are unseen) and prints
 * what each page shows: its connection, its comments, and what went wrong in it.
 */
async function step(name: string, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (e) {
    for (const [who, page] of Object.entries(pages)) {
      const file = await screenshot(page, `live-room-${name}-${who}`).catch(() => null);
      if (file) console.error(`screenshot: ${file}`);
      const shown = await page
        .evaluate(() => ({
          url: location.pathname,
          badge: document.querySelector('.ant-badge-status-text')?.textContent,
          comments: [...document.querySelectorAll('article.room-comment')].map((a) => a.getAttribute('data-comment-id')),
          messages: [...document.querySelectorAll('.ant-message-notice')].map((m) => m.textContent),
        }))
        .catch((err: Error) => err.message);
      console.error(`${who} page: ${JSON.stringify(shown)}`);
    }
    for (const line of problems.flat().sort()) console.error(line);
    throw e;
  }
}

const comment = (page: Page, text: string) => page.locator('article.room-comment', { hasText: text });

it('staff configure the room: embedded player, post-moderation, open', () =>
  step('settings', async () => {
    const page = await openRoom('staff', 'desktop');
    await page.getByRole('button', { name: '直播间设置' }).click();
    const dialog = page.getByRole('dialog', { name: '直播间设置' });
    // A plain http:// player could never play in the page: refused, saying why.
    await dialog.getByLabel('嵌入播放器地址（iframe）').fill('http://192.168.1.30/embed/live-1');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('直播地址须以 https:// 开头：浏览器不会在页面中播放 http:// 地址').waitFor();
    await dialog.getByLabel('嵌入播放器地址（iframe）').fill('https://player.example.org/embed/live-1');
    await dialog.getByText('先发后审').click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('设置已保存').waitFor();
    await page.locator('iframe[title="会议直播画面"]').waitFor({ state: 'attached' });
    const room = await staffApi.get<{ settings: { embedUrl: string; moderation: string; open: boolean } }>(`/api/consultations/meetings/${meetingId}/room`);
    assert.deepEqual([room.settings.embedUrl, room.settings.moderation, room.settings.open], ['https://player.example.org/embed/live-1', 'post', true]);
    await page.getByText('市民政局通报养老服务工作情况').waitFor({ state: 'attached' });
  }));

it('a public user on a phone and a member on a desktop see each other\'s comments appear without reloading', () =>
  step('comments', async () => {
    const pub = await openRoom('public', 'phone');
    const member = await openRoom('member', 'desktop');
    const box = pub.getByRole('textbox', { name: '发表评论' });
    await box.fill('长'.repeat(501));
    await pub.getByText('评论不能超过 500 字').waitFor();
    assert.equal(await pub.getByRole('button', { name: '发送' }).isDisabled(), true);
    await box.fill(publicSays);
    await pub.getByText(`${[...publicSays].length} / 500`).waitFor();
    await pub.getByRole('button', { name: '发送' }).click();
    await comment(member, publicSays).waitFor();
    assert.equal(await member.locator('b', { hasText: String(stamp) }).count(), 0, 'markup shows as text');

    await member.getByRole('textbox', { name: '发表评论' }).fill(memberSays);
    await member.getByRole('button', { name: '发送' }).click();
    const seen = comment(pub, memberSays);
    await seen.waitFor();
    await seen.getByText('委员', { exact: true }).waitFor();
    await comment(pages.staff, memberSays).waitFor();
    // Counts follow: two comments, and at least the three people in the room.
    await pub.getByText('评论数').waitFor();
    await member.waitForFunction(() => document.body.innerText.includes('参与人数'));
    const like = seen.getByRole('button', { name: '点赞' });
    await like.click();
    await comment(member, memberSays).getByRole('button', { name: '点赞' }).filter({ hasText: '1' }).waitFor();
  }));

it('staff hide a comment and it disappears from both pages', () =>
  step('hide', async () => {
    const staff = pages.staff;
    const target = comment(staff, publicSays);
    await target.waitFor();
    await target.getByRole('button', { name: '隐藏' }).click();
    // The confirmation pops up with an animation; a click that lands while it opens can be lost, so
    // confirm until the box has closed.
    const confirm = staff.locator('.ant-popconfirm').filter({ hasText: '确定隐藏' });
    await confirm.waitFor();
    for (let attempt = 0; attempt < 5 && (await confirm.isVisible()); attempt++) {
      await confirm.getByRole('button', { name: '确定' }).click();
      await confirm.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {});
    }
    // The office's page confirms the change in its own words.
    await staff.locator('.ant-message-notice').filter({ hasText: '操作成功' }).waitFor();
    for (const page of [pages.public, pages.member, staff]) await comment(page, publicSays).waitFor({ state: 'detached' });
    await comment(pages.member, memberSays).waitFor();
    for (const [who, page] of Object.entries(pages)) await screenshot(page, `live-room-${who}`);
    const list = await staffApi.get<{ items: { body: string }[] }>(`/api/consultations/meetings/${meetingId}/comments?state=hidden`);
    assert.deepEqual(list.items.map((c) => c.body), [publicSays]);
  }));

it('staff turn a comment into a suggestion', () =>
  step('suggest', async () => {
    const staff = pages.staff;
    await comment(staff, memberSays).getByRole('button', { name: '转为建议' }).click();
    const dialog = staff.getByRole('dialog', { name: '转为建议' });
    await dialog.getByLabel('建议标题').fill('关于老旧小区加装电梯的建议');
    await dialog.getByRole('button', { name: '保存' }).click();
    await staff.getByText('已转为建议').waitFor();
    const res = await staffApi.request<{ items: { id: number; title: string }[] } | { id: number; title: string }[]>('GET', `/api/consultations/suggestions?meetingId=${meetingId}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const items = Array.isArray(res.body) ? res.body : res.body.items;
    const made = items.find((s) => s.title === '关于老旧小区加装电梯的建议');
    assert.ok(made, JSON.stringify(items));
    const detail = await staffApi.get<{ source: { kind: string; excerpt: string } }>(`/api/consultations/suggestions/${made.id}`);
    assert.equal(detail.source.kind, 'comment');
    assert.ok(detail.source.excerpt.includes('加装电梯'));
  }));

// Two seconds of a 320×180 test picture in HLS (H.264, two segments), made with
// `ffmpeg -f lavfi -i testsrc=size=320x180:rate=10 -t 2 -c:v libx264 -profile:v baseline -pix_fmt yuv420p -g 10 -b:v 60k -f hls -hls_time 1 -hls_list_size 0 -hls_segment_filename seg%d.m2ts index.m3u8`,
// served as if from the streaming service's own address.
const HLS = path.join(import.meta.dirname, 'fixtures', 'hls');

/** Serves the stream's files to the page's browser and waits until the page has decoded a frame of it. */
async function watchStream(page: Page) {
  const fetched: string[] = [];
  await page.context().route('https://stream.example.org/live/*', (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    fetched.push(file);
    return route.fulfill({ path: path.join(HLS, file), contentType: file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t', headers: { 'access-control-allow-origin': '*' } });
  });
  await page.goto(`/consultations/meetings/${meetingId}/live`);
  const video = page.getByLabel('会议直播画面');
  await video.waitFor();
  // Decoded: the picture's size is known and a frame is ready to show.
  await page.waitForFunction(() => {
    const v = document.querySelector('video');
    return !!v && v.videoWidth > 0 && v.readyState >= 2;
  }, undefined, { timeout: 20_000 });
  assert.deepEqual(await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]), [320, 180]);
  assert.ok(fetched.includes('index.m3u8') && fetched.includes('seg0.m2ts'), fetched.join(','));
  assert.equal(await page.getByText('无法播放直播流').count(), 0);
  return video;
}

it('a stream in HLS (.m3u8) that staff set plays in the page, natively and through hls.js', () =>
  step('hls', async () => {
    const res = await staffApi.request('PUT', `/api/consultations/meetings/${meetingId}/room`, { streamUrl: 'https://stream.example.org/live/index.m3u8', embedUrl: null, moderation: 'post', open: true });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    // This Chromium plays HLS itself, as Safari and phones do: the stream is the video's own source.
    const native = await watchStream(pages.member);
    assert.equal(await native.evaluate((v: HTMLVideoElement) => v.src), 'https://stream.example.org/live/index.m3u8');
    // A browser that does not (Firefox on a desktop): hls.js feeds the video through Media Source Extensions.
    const { context, page } = await newPage(browser, server.baseUrl, 'phone');
    contexts.push(context);
    await context.addInitScript(() => {
      const canPlay = HTMLMediaElement.prototype.canPlayType;
      HTMLMediaElement.prototype.canPlayType = function (type: string) {
        return /mpegurl/i.test(type) ? '' : canPlay.call(this, type);
      };
    });
    page.on('pageerror', (e) => console.error(`[hls.js] page error: ${e.message}`));
    await loginUi(page, 'public');
    const fed = await watchStream(page);
    assert.match(await fed.evaluate((v: HTMLVideoElement) => v.src), /^blob:/);
    await screenshot(page, 'live-room-hls');
  }));
