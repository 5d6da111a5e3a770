// HTTP routes of the duty records: parse, check who asks, call a query or command, shape.
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { scopeOrgs } from '../../platform/scope.js';
import { chinaYear } from '../../platform/time.js';
import { DOCX_MIME } from '../../platform/docx.js';
import { attachment, writeSheet, XLSX_MIME } from '../../platform/xlsx.js';
import { requireMember, requireReader } from './access.js';
import * as commands from './commands.js';
import * as claims from './claims.js';
import { dutyFile } from './file.js';
import { allKinds } from './kinds.js';
import { gradeRows, standingOf } from './evaluation.js';
import { GRADE_LABELS } from './grading.js';
import { evaluationStats } from './evaluation-stats.js';
import { dutyStats, memberPage, memberRecord, memberRows, rulesOf } from './queries.js';
import * as s from './schema.js';
import { dutyAnswers } from './versions.js';

const tags = ['duty'];
const people = { access: ['member', 'admin', 'staff', 'leader'] as const };
const readers = { access: ['admin', 'staff', 'leader'] as const };
const editors = { access: ['admin', 'staff'] as const };

export function routes(app: App, { duty: decls, services, config }: ModuleDeps) {
  // The list and the own page are kept as finished answers under the organization's duty version
  // (versions.ts): read again only after a change.
  const { answers, versions } = dutyAnswers(app, services.bus, config.listCache);

  app.get('/api/duty/me', { config: people, schema: { tags, summary: "The caller's own duty record of a year: events by kind with points and links, the total, the minimums still missing and the grades of published years", querystring: s.meQuery } }, async (req, reply) => {
    const memberId = requireMember(req.ctx), year = req.query.year ?? chinaYear();
    const own = await versions.ofMember(req.ctx.db, memberId);
    const build = async () => {
      const record = await memberRecord(req.ctx.db, decls, memberId, year);
      return { ...record, ...(await standingOf(req.ctx.db, decls, record)) };
    };
    if (!own) return build();
    return answers.send(req, reply, `me|${memberId}|${year}|o${own.organizationId}v${own.version}`, build);
  });

  app.get('/api/duty/me/file.docx', { config: people, schema: { tags, summary: "The caller's own duty file (履职档案) of a year as .docx", querystring: s.meQuery } }, async (req, reply) => {
    const doc = await dutyFile(req.ctx, decls, requireMember(req.ctx), req.query.year ?? chinaYear(), false);
    return reply.type(DOCX_MIME).header('content-disposition', attachment(doc.name)).send(doc.data);
  });
  app.get('/api/duty/members/:memberId/file.docx', { config: readers, schema: { tags, summary: "A member's duty file (履职档案) of a year as .docx, for the office's records", params: s.memberParams, querystring: s.meQuery } }, async (req, reply) => {
    const doc = await dutyFile(req.ctx, decls, req.params.memberId, req.query.year ?? chinaYear(), true);
    return reply.type(DOCX_MIME).header('content-disposition', attachment(doc.name)).send(doc.data);
  });

  app.get('/api/duty/members', { config: readers, schema: { tags, summary: 'Every serving member of an organization with points by kind, missing minimums and grade; filtered (also by grade), sorted, paged', querystring: s.membersQuery } }, async (req, reply) => {
    const organizationId = req.query.organizationId ?? req.ctx.actor!.organizationId;
    requireReader(req.ctx, organizationId);
    const year = req.query.year ?? chinaYear();
    const { db } = req.ctx;
    const { page, pageSize, grade } = req.query;
    const key = `list|${answers.callerKey(req.ctx.actor!)}|${organizationId}|${year}|v${await versions.of(db, organizationId)}|${JSON.stringify(req.query)}`;
    return answers.send(req, reply, key, async () => {
      let total: number;
      let items: Awaited<ReturnType<typeof gradeRows>>;
      if (grade) {
        // A grade is known per member only once scored: every member is graded, then the page cut.
        const graded = (await gradeRows(db, decls, organizationId, year, await memberRows(db, decls, organizationId, year, req.query))).filter((r) => r.grade === grade);
        total = graded.length;
        items = graded.slice((page - 1) * pageSize, page * pageSize);
      } else {
        const found = await memberPage(db, decls, organizationId, year, req.query);
        total = found.total;
        items = await gradeRows(db, decls, organizationId, year, found.items);
      }
      return { organizationId, year, total, page, pageSize, items, kinds: allKinds(decls).map((k) => ({ kind: k.code, label: { zh: k.zh, en: k.en } })) };
    });
  });

  app.get('/api/duty/members.xlsx', { config: readers, schema: { tags, summary: 'The members list as an .xlsx workbook', querystring: s.exportQuery } }, async (req, reply) => {
    const organizationId = req.query.organizationId ?? req.ctx.actor!.organizationId;
    requireReader(req.ctx, organizationId);
    const year = req.query.year ?? chinaYear();
    const graded = await gradeRows(req.ctx.db, decls, organizationId, year, await memberRows(req.ctx.db, decls, organizationId, year, req.query));
    const rows = req.query.grade ? graded.filter((r) => r.grade === req.query.grade) : graded;
    const kinds = allKinds(decls);
    const columns = [
      { header: '姓名', width: 14 }, { header: '界别', width: 18 }, { header: '常委' }, ...kinds.map((k) => ({ header: k.zh, width: 12 })), { header: '总积分' },
      { header: '等次', width: 14 }, { header: '未达到的基本要求', width: 40 },
    ];
    const sheet = writeSheet(`${year}年度委员履职`, columns,
      (async function* () {
        // A grade not yet in a computed evaluation is what the points give today: marked 预计.
        for (const r of rows)
          yield [r.name, r.sector, r.standing ? '是' : '否', ...kinds.map((k) => r.kinds[k.code]?.count ?? 0), r.total,
            `${GRADE_LABELS[r.grade].zh}${r.provisional ? '（预计）' : ''}`, r.missing.map((m) => m.label.zh).join('；')];
      })());
    return reply.type(XLSX_MIME).header('content-disposition', attachment(`${year}年度委员履职情况.xlsx`)).send(sheet);
  });

  app.get('/api/duty/stats', { config: readers, schema: { tags, summary: "A year's duty figures: members, events by kind, average points, grades, warnings and exit decisions; own organization or the whole system", querystring: s.statsQuery } }, async (req) => {
    const organizationId = req.query.organizationId ?? req.ctx.actor!.organizationId;
    requireReader(req.ctx, organizationId);
    const orgs = scopeOrgs(req.ctx, organizationId, req.query.scope), year = req.query.year ?? chinaYear();
    return { organizationId, scope: req.query.scope, ...(await dutyStats(req.ctx.db, decls, orgs, year)), ...(await evaluationStats(req.ctx.db, orgs, year)) };
  });

  app.get('/api/duty/rules', { config: readers, schema: { tags, summary: "An organization's points rules of a year, every kind with its default", querystring: s.rulesQuery } }, async (req) => {
    const organizationId = req.query.organizationId ?? req.ctx.actor!.organizationId;
    requireReader(req.ctx, organizationId);
    return rulesOf(req.ctx, decls, organizationId, req.query.year ?? chinaYear());
  });
  app.put('/api/duty/rules', { config: editors, schema: { tags, summary: "Change points (and caps) of a year's rules; that year's events are re-priced", body: s.rulesIn } }, async (req) => {
    await commands.setRules(req.ctx, decls, req.body);
    return rulesOf(req.ctx, decls, req.body.organizationId, req.body.year);
  });

  app.post('/api/duty/claims', { config: people, schema: { tags, summary: 'A member claims an offline act with a note, for the office to approve', body: s.claimIn } }, async (req, reply) =>
    reply.code(201).send(await claims.claim(req.ctx, req.body)),
  );
  app.get('/api/duty/claims/mine', { config: people, schema: { tags, summary: "The caller's own claims and what became of them" } }, async (req) => claims.myClaims(req.ctx));
  app.get('/api/duty/claims', { config: readers, schema: { tags, summary: "An organization's claims in a state (pending by default)", querystring: s.claimsQuery } }, async (req) => claims.claimsOf(req.ctx, req.query));
  app.post('/api/duty/claims/:id/decide', { config: editors, schema: { tags, summary: 'Approve a pending claim into an entry, or return it with a reason', params: s.idParams, body: s.decideIn } }, async (req, reply) => {
    await claims.decide(req.ctx, req.params.id, req.body);
    return reply.code(204).send();
  });

  app.post('/api/duty/entries', { config: editors, schema: { tags, summary: 'Enter an offline act (research trip, training, reception) for one or many members, with the reason', body: s.entryIn } }, async (req, reply) =>
    reply.code(201).send(await commands.enterDuty(req.ctx, req.body)),
  );
}
