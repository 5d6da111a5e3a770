// HTTP routes of what follows a proposal's handling: deadlines, key proposals and sponsors,
// quality, public disclosure, documents and statistics; and the deadline-reminder job.
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { attachment, writeSheet, XLSX_MIME } from '../../platform/xlsx.js';
import { chinaYear } from '../../platform/time.js';
import * as s from './followup-schema.js';
import { listQuery } from './schema.js';
import { DOCX_MIME } from './docx.js';
import { proposalDocument, replyDocument } from './documents.js';
import { disclose, getDisclosure, publicList, publicProposal } from './disclosure.js';
import { exportList } from './export.js';
import { getKey, logProgress, setKey, setSponsors, sponsorCandidates, sponsoredByMe } from './key.js';
import { getQuality, oneOrg, qualityList, rateProposal, rateUnit, selectExcellent, unitQualityList } from './quality.js';
import { overdueList } from './reminders.js';
import { proposalStats } from './stats.js';

const tags = ['proposals'];
const office = { access: ['admin', 'staff'] as const };
const readers = { access: ['admin', 'staff', 'leader'] as const };

const xlsx = (reply: FastifyReply, name: string, sheet: Readable) => reply.type(XLSX_MIME).header('content-disposition', attachment(`${name}.xlsx`)).send(sheet);
const docx = (reply: FastifyReply, doc: { buffer: Buffer; filename: string }) => reply.type(DOCX_MIME).header('content-disposition', attachment(doc.filename)).send(doc.buffer);
async function* rowsOf<T>(items: T[], row: (item: T) => (string | number | null)[]) {
  for (const item of items) yield row(item);
}

export function followupRoutes(app: App, { config, services }: ModuleDeps) {
  // Deadlines
  app.get('/api/proposals/overdue', { config: office, schema: { tags, summary: 'Assignments past their deadline without a reply, most overdue first', querystring: s.overdueQuery, response: { 200: s.overdueOut } } }, async (req) =>
    overdueList(req.ctx, req.query),
  );

  // Key proposals and sponsors
  app.get('/api/proposals/sponsored', { config: { access: ['leader'] }, schema: { tags, summary: "The leader's page: key proposals the caller sponsors, with progress", description: 'open=true leaves out closed ones; overdue=true keeps those with a unit past its deadline.', querystring: s.sponsoredQuery, response: { 200: s.sponsoredOut } } }, async (req) =>
    sponsoredByMe(req.ctx, { open: req.query.open === 'true', overdue: req.query.overdue === 'true' }),
  );
  app.get('/api/proposals/sponsor-candidates', { config: office, schema: { tags, summary: 'Leaders who may sponsor a key proposal of the organization: its own and those above it', querystring: s.orgQuery, response: { 200: s.sponsorCandidatesOut } } }, async (req) =>
    sponsorCandidates(req.ctx, req.query.organizationId),
  );
  app.get('/api/proposals/:id/key', { config: readers, schema: { tags, summary: 'Key proposal: sponsors and progress log', params: s.idParams, response: { 200: s.keyOut } } }, async (req) => getKey(req.ctx, req.params.id));
  app.put('/api/proposals/:id/key', { config: office, schema: { tags, summary: 'Mark or unmark a key proposal (重点提案)', params: s.idParams, body: s.keyIn, response: { 200: s.keyOut } } }, async (req) =>
    setKey(req.ctx, req.params.id, req.body),
  );
  app.put('/api/proposals/:id/sponsors', { config: office, schema: { tags, summary: 'The leaders who sponsor a key proposal (领办)', params: s.idParams, body: s.sponsorsIn, response: { 200: s.keyOut } } }, async (req) =>
    setSponsors(req.ctx, req.params.id, req.body),
  );
  app.post('/api/proposals/:id/progress', { config: readers, schema: { tags, summary: 'Log a progress meeting or note on a key proposal (office or its sponsors)', params: s.idParams, body: s.progressIn, response: { 201: s.keyOut } } }, async (req, reply) =>
    reply.code(201).send(await logProgress(req.ctx, req.params.id, req.body)),
  );

  // Quality
  app.get('/api/proposals/:id/quality', { config: office, schema: { tags, params: s.idParams, response: { 200: s.qualityOut } } }, async (req) => getQuality(req.ctx, req.params.id));
  app.put('/api/proposals/:id/quality', { config: office, schema: { tags, summary: "The proposal committee's quality rating (0–100)", params: s.idParams, body: s.qualityIn, response: { 200: s.qualityOut } } }, async (req) =>
    rateProposal(req.ctx, req.params.id, req.body),
  );
  app.put('/api/proposals/:id/excellent', { config: office, schema: { tags, summary: 'Select or unselect an excellent proposal (优秀提案); the committee only', params: s.idParams, body: s.excellentIn, response: { 200: s.qualityOut } } }, async (req) =>
    selectExcellent(req.ctx, req.params.id, req.body),
  );
  const qualityOfYear = (excellentOnly: boolean) => async (req: { ctx: Parameters<typeof oneOrg>[0]; query: z.infer<typeof s.orgYearQuery> }) =>
    qualityList(req.ctx, oneOrg(req.ctx, req.query.organizationId), req.query.year ?? chinaYear(), excellentOnly);
  app.get('/api/proposals/quality', { config: readers, schema: { tags, summary: "Accepted proposals of a year with the committee's rating", querystring: s.orgYearQuery, response: { 200: s.qualityList } } }, qualityOfYear(false));
  app.get('/api/proposals/excellent', { config: readers, schema: { tags, summary: 'The excellent proposals of a year', querystring: s.orgYearQuery, response: { 200: s.qualityList } } }, qualityOfYear(true));
  app.get('/api/proposals/quality.xlsx', { config: readers, schema: { tags, summary: 'Quality ratings and excellent proposals as .xlsx', querystring: s.orgYearQuery } }, async (req, reply) => {
    const year = req.query.year ?? chinaYear();
    const rows = await qualityList(req.ctx, oneOrg(req.ctx, req.query.organizationId), year);
    const columns = [{ header: '提案号', width: 32 }, { header: '标题', width: 50 }, { header: '提案者', width: 20 }, { header: '界别' }, { header: '质量评分' }, { header: '评语', width: 40 }, { header: '优秀提案' }];
    return xlsx(reply, `${year}年提案质量评价`, writeSheet('提案质量', columns, rowsOf(rows, (r) => [r.numberLabel, r.title, r.proposerName, r.sectorName, r.score, r.comment, r.excellent ? '是' : ''])));
  });
  app.put('/api/proposals/assignments/:id/quality', { config: office, schema: { tags, summary: "The office's rating of a unit's handling of one assignment", params: s.idParams, body: s.qualityIn, response: { 200: s.unitQualityOut } } }, async (req) =>
    rateUnit(req.ctx, req.params.id, req.body),
  );
  app.get('/api/proposals/unit-quality', { config: readers, schema: { tags, summary: "Each unit's year: assignments, replies, on time, average rating", querystring: s.orgYearQuery, response: { 200: s.unitQualityList } } }, async (req) =>
    unitQualityList(req.ctx, oneOrg(req.ctx, req.query.organizationId), req.query.year ?? chinaYear()),
  );
  app.get('/api/proposals/unit-quality.xlsx', { config: readers, schema: { tags, summary: "Units' handling quality as .xlsx", querystring: s.orgYearQuery } }, async (req, reply) => {
    const year = req.query.year ?? chinaYear();
    const rows = await unitQualityList(req.ctx, oneOrg(req.ctx, req.query.organizationId), year);
    const columns = [{ header: '承办单位', width: 30 }, { header: '交办件数' }, { header: '已答复' }, { header: '按期答复' }, { header: '已评价' }, { header: '平均得分' }];
    return xlsx(reply, `${year}年承办单位办理质量`, writeSheet('办理质量', columns, rowsOf(rows, (r) => [r.unitName, r.assignments, r.replied, r.onTime, r.rated, r.averageScore])));
  });

  // Public disclosure
  app.get('/api/proposals/:id/disclosure', { config: office, schema: { tags, params: s.idParams, response: { 200: s.disclosureOut } } }, async (req) => getDisclosure(req.ctx, req.params.id));
  app.put('/api/proposals/:id/disclosure', { config: office, schema: { tags, summary: 'Show an accepted proposal (and its replies) on the public page, or withdraw it', params: s.idParams, body: s.disclosureIn, response: { 200: s.disclosureOut } } }, async (req) =>
    disclose(req.ctx, req.params.id, req.body),
  );
  const reads = config.rateLimits ? { max: config.rateLimits.publicWrite.max * 10, timeWindow: config.rateLimits.publicWrite.windowMs } : false;
  app.get('/api/public/proposals', { config: { access: 'anyone', rateLimit: reads }, schema: { tags, summary: 'Public proposals, newest first; q searches their text', querystring: s.publicQuery, response: { 200: s.publicPage } } }, async (req) =>
    publicList(services, req.query),
  );
  app.get('/api/public/proposals/:id', { config: { access: 'anyone', rateLimit: reads }, schema: { tags, summary: 'A public proposal with its units and, if public, its replies', params: s.idParams, response: { 200: s.publicOut } } }, async (req) =>
    publicProposal(services, req.params.id),
  );

  // Documents
  app.get('/api/proposals/export.xlsx', { config: readers, schema: { tags, summary: 'The filtered list (the same filters as GET /api/proposals) as .xlsx', querystring: listQuery.omit({ cursor: true, limit: true }) } }, async (req, reply) =>
    xlsx(reply, '提案列表', await exportList(req.ctx, req.query)),
  );
  app.get('/api/proposals/:id/document.docx', { config: { access: 'signed-in' }, schema: { tags, summary: 'The proposal as .docx in the official layout', params: s.idParams } }, async (req, reply) =>
    docx(reply, await proposalDocument(req.ctx, req.params.id)),
  );
  app.get('/api/proposals/replies/:id/letter.docx', { config: { access: 'signed-in' }, schema: { tags, summary: 'A reply letter as .docx', params: s.idParams } }, async (req, reply) =>
    docx(reply, await replyDocument(req.ctx, req.params.id)),
  );

  // Statistics
  app.get('/api/proposals/stats', { config: readers, schema: { tags, summary: "Counts, rates and the year's headline figures (see docs/api.md for each definition)", querystring: s.orgYearQuery, response: { 200: s.statsOut } } }, async (req) =>
    proposalStats(req.ctx.db, oneOrg(req.ctx, req.query.organizationId), req.query.year ?? chinaYear()),
  );
}
