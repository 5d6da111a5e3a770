// Helpers of the scan-to-consult benchmark (bench/opinions.ts): a resident's form as multipart
// bytes, challenge tokens fetched ahead, the place's QR code, and counts read from the database.
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { solveChallenge } from '../server/src/platform/challenge.js';

const SENTENCES = [
  '小区门口的路灯已经坏了两个多月，晚上老人和孩子出行很不安全，希望有关部门尽快维修。',
  '菜市场周边早晚高峰车辆乱停乱放，道路拥堵严重，建议增设临时停车泊位并加强管理。',
  '社区养老服务中心的助餐点座位不够，中午排队时间较长，希望能扩大场地或者错峰供餐。',
  '河道沿岸有居民倾倒生活垃圾，天气炎热时气味很大，建议定期清理并设置监控和提示牌。',
  '学校放学时段校门口接送车辆过多，存在安全隐患，建议交警在高峰时段安排人员疏导。',
  '老旧小区加装电梯的审批流程较长，居民意见难以统一，希望街道出面协调并公开补贴政策。',
  '村里的公交班次太少，最后一班下午五点就停运，外出务工的村民回家很不方便。',
  '社区卫生服务站缺少儿科医生，孩子发烧只能去市区医院排长队，建议定期安排专家坐诊。',
  '农贸市场的排水沟经常堵塞，下雨天污水漫到路面，希望尽快改造排水设施。',
  '新建小区周边没有配套幼儿园，适龄儿童入园难的问题比较突出，建议规划时一并考虑。',
];

/** A few hundred Chinese characters, different for each report. */
export function reportText(seed: number): string {
  let text = `（第${seed}号）`;
  for (let i = 0; text.length < 280; i++) text += SENTENCES[(seed * 7 + i * 3) % SENTENCES.length];
  return text;
}

export const BOUNDARY = '----shangliang-bench-' + crypto.randomBytes(6).toString('hex');
export const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

export function multipart(fields: Record<string, string>): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return Buffer.from(parts.join('') + `--${BOUNDARY}--\r\n`, 'utf8');
}

export interface Challenge {
  token: string;
  nonce: string;
  bits: number;
}

export interface QrAnswer {
  categories: { value: string }[];
  challenge: Challenge;
}

/** The form of report number `seed`, with a challenge of its own (each token is accepted once). */
export function reportForm(seed: number, qr: QrAnswer, challenge: Challenge): Buffer {
  return multipart({
    text: reportText(seed),
    category: qr.categories[seed % qr.categories.length]!.value,
    challenge: challenge.token,
    solution: solveChallenge(challenge.nonce, challenge.bits),
  });
}

/** `count` fresh challenges, `inFlight` requests at a time. */
export async function fetchChallenges(url: string, code: string, count: number, inFlight = 32): Promise<Challenge[]> {
  const out: Challenge[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const res = await fetch(`${url}/api/q/${code}`);
      if (!res.ok) throw new Error(`GET /api/q/${code}: ${res.status}`);
      out.push(((await res.json()) as QrAnswer).challenge);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return out;
}

/** The QR code of the first place the staff user sees, read from its printable poster (the URL under the code). */
export async function placeCode(url: string, cookie: string): Promise<{ code: string; placeName: string }> {
  const list = await fetch(`${url}/api/orgs/places?limit=1`, { headers: { cookie } });
  if (!list.ok) throw new Error(`GET /api/orgs/places: ${list.status}`);
  const place = ((await list.json()) as { items: { id: number; name: string }[] }).items[0];
  if (!place) throw new Error('the demo data has no place');
  const poster = await fetch(`${url}/api/orgs/places/${place.id}/qr-poster.svg`, { headers: { cookie } });
  if (!poster.ok) throw new Error(`GET qr-poster.svg: ${poster.status}`);
  const code = /\/q\/([0-9a-z]+)</i.exec(await poster.text())?.[1];
  if (!code) throw new Error('the poster carries no /q/<code> URL');
  return { code, placeName: place.name };
}

/** Reports stored by residents, read from the database itself. */
export const storedResidentReports = (dataDir: string, databaseUrl: string) => count(dataDir, databaseUrl, "select count(*) as n from opinions where source_kind = 'resident'");

/** Reports stored but not yet indexed, grouped and scored (the intake queue). */
export const queuedReports = (dataDir: string, databaseUrl: string) => count(dataDir, databaseUrl, 'select count(*) as n from opinion_intake');

async function count(dataDir: string, databaseUrl: string, query: string): Promise<number> {
  if (!databaseUrl) {
    const db = new SQLite(path.join(dataDir, 'shangliang.db'), { readonly: true, fileMustExist: true });
    try {
      return Number((db.prepare(query).get() as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(query)).rows[0].n);
  } finally {
    await client.end();
  }
}

/**
 * An open-loop load at a fixed rate: request i leaves at start + i/rate whatever the answers
 * before it, and its latency is counted from that moment, so a slow answer cannot hide the ones
 * queued behind it. (autocannon's own pacing lets each connection send as fast as it can until it
 * has used the second's share, then wait for the next second: bursts of the whole second's load.)
 */
export async function openLoop(url: string, path: string, rate: number, amount: number, bodyOf: (i: number) => Buffer, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const latencies: number[] = [];
  let created = 0;
  let non2xx = 0;
  let errors = 0;
  let done = 0;
  let lastAnswer = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const finish = () => {
      lastAnswer = performance.now();
      if (++done === amount) resolve();
    };
    const send = (i: number) => {
      const due = start + (i * 1000) / rate;
      const body = bodyOf(i);
      const req = http.request(url + path, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - due);
          if (res.statusCode === 201) created++;
          else non2xx++;
          finish();
        });
      });
      req.on('error', () => {
        errors++;
        finish();
      });
      req.end(body);
    };
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < amount && start + (next * 1000) / rate <= now) send(next++);
      if (next < amount) setTimeout(tick, 1);
    };
    tick();
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  const seconds = (lastAnswer - start) / 1000;
  return { requests: amount, created, seconds, rps: amount / seconds, p50Ms: at(0.5), p99Ms: at(0.99), non2xx, errors, timeouts: 0, cutShort: false };
}
