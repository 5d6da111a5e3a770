// HTTP routes of consultations (plan, meetings, attendance, speeches, votes, suggestions,
// outcomes, statistics): parse, call, shape. Inputs are in schema.ts, outputs in response-schema.ts;
// the live room has its own routes (room-routes.ts).

import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import type { Ctx } from '../../platform/context.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { sendFile, uploadedFile } from '../../platform/files.js';
import { scopeOrgs } from '../../platform/scope.js';
import { chinaYear } from '../../platform/time.js';
import { requestBaseUrl } from '../../platform/public-url.js';
import { attachment, writeSheet, XLSX_MIME } from '../../platform/xlsx.js';
import * as s from './schema.js';
import * as o from './response-schema.js';
import { isReader, loadMeeting } from './commands.js';
import * as plan from './plan.js';
import * as meetings from './meetings.js';
import * as speeches from './speeches.js';
import * as votes from './votes.js';
import * as suggestions from './suggestions.js';
import * as outcomes from './outcomes.js';
import { attendance, checkin, checkinCode, checkinPreview } from './checkin.js';
import { addExternalGuest, removeExternalGuest } from './external-guests.js';
import { config, listMeetings, meetingDetail, meetingTimeline } from './queries.js';
import { consultationStats } from './stats.js';
import { DOCX_MIME } from './docx.js';

const tags = ['consultations'];
const office = { access: ['admin', 'staff'] as const };
const readers = { access: ['admin', 'staff', 'leader'] as const };
const signedIn = { access: 'signed-in' as const };
const P = '/api/consultations';
const ok = { ok: true as const };

export function routes(app: App, deps: ModuleDeps) {
  const detail = (ctx: Ctx, id: number) => meetingDetail(ctx, id);

  app.get(`${P}/config`, { config: signedIn, schema: { tags, summary: 'Meeting types, committees, units; for the office also members and officials to invite', response: { 200: o.configOut } } }, async (req) => config(req.ctx));

  // ---- plan ----------------------------------------------------------------------------------
  app.get(`${P}/plans`, { config: signedIn, schema: { tags, querystring: s.yearQuery, response: { 200: o.plansOut } } }, async (req) => plan.listPlans(req.ctx, req.query.year));
  app.post(`${P}/plans`, { config: office, schema: { tags, body: s.planIn, response: { 201: o.createdOut } } }, async (req, reply) => reply.code(201).send(await plan.createPlan(req.ctx, req.body)));
  app.get(`${P}/plans/:id`, { config: signedIn, schema: { tags, params: s.idParams, response: { 200: o.planOut } } }, async (req) => plan.planDetail(req.ctx, req.params.id));
  app.post(`${P}/plans/:id/items`, { config: office, schema: { tags, params: s.idParams, body: s.planItemIn, response: { 201: o.createdOut } } }, async (req, reply) => reply.code(201).send(await plan.addItem(req.ctx, req.params.id, req.body)));
  app.patch(`${P}/plans/:id/items/:itemId`, { config: office, schema: { tags, params: s.itemParams, body: s.planItemPatch, response: { 200: o.planOut } } }, async (req) => {
    await plan.updateItem(req.ctx, req.params.id, req.params.itemId, req.body);
    return plan.planDetail(req.ctx, req.params.id);
  });
  app.delete(`${P}/plans/:id/items/:itemId`, { config: office, schema: { tags, params: s.itemParams, response: { 200: o.planOut } } }, async (req) => {
    await plan.deleteItem(req.ctx, req.params.id, req.params.itemId);
    return plan.planDetail(req.ctx, req.params.id);
  });
  app.post(`${P}/plans/:id/submit`, { config: office, schema: { tags, params: s.idParams, response: { 200: o.planOut } } }, async (req) => {
    await plan.planEvent(req.ctx, req.params.id, 'submit');
    return plan.planDetail(req.ctx, req.params.id);
  });
  app.post(`${P}/plans/:id/approve`, { config: { access: ['admin', 'leader'] }, schema: { tags, params: s.idParams, response: { 200: o.planOut } } }, async (req) => {
    await plan.planEvent(req.ctx, req.params.id, 'approve');
    return plan.planDetail(req.ctx, req.params.id);
  });
  app.post(`${P}/plans/:id/return`, { config: { access: ['admin', 'leader'] }, schema: { tags, params: s.idParams, body: s.reasonIn, response: { 200: o.planOut } } }, async (req) => {
    await plan.planEvent(req.ctx, req.params.id, 'return', req.body.reason);
    return plan.planDetail(req.ctx, req.params.id);
  });
  app.post(`${P}/plans/:id/publish`, { config: office, schema: { tags, params: s.idParams, response: { 200: o.planOut } } }, async (req) => {
    await plan.planEvent(req.ctx, req.params.id, 'publish');
    return plan.planDetail(req.ctx, req.params.id);
  });

  // ---- meetings ------------------------------------------------------------------------------
  app.get(`${P}/meetings`, { config: signedIn, schema: { tags, querystring: s.meetingsQuery, response: { 200: o.meetingsPage } } }, async (req) => listMeetings(req.ctx, req.query));
  app.post(`${P}/meetings`, { config: office, schema: { tags, body: s.meetingIn, response: { 201: o.createdOut } } }, async (req, reply) => reply.code(201).send(await meetings.createMeeting(req.ctx, req.body)));
  app.get(`${P}/meetings/:id`, { config: signedIn, schema: { tags, params: s.idParams, response: { 200: o.meetingOut } } }, async (req) => detail(req.ctx, req.params.id));
  app.patch(`${P}/meetings/:id`, { config: office, schema: { tags, params: s.idParams, body: s.meetingPatch, response: { 200: o.meetingOut } } }, async (req) => {
    await meetings.updateMeeting(req.ctx, req.params.id, req.body);
    return detail(req.ctx, req.params.id);
  });
  for (const event of ['publish', 'start', 'end'] as const)
    app.post(`${P}/meetings/:id/${event}`, { config: office, schema: { tags, params: s.idParams, response: { 200: o.meetingOut } } }, async (req) => {
      await meetings.meetingEvent(req.ctx, req.params.id, event);
      return detail(req.ctx, req.params.id);
    });
  app.post(`${P}/meetings/:id/cancel`, { config: office, schema: { tags, params: s.idParams, body: s.cancelIn.optional(), response: { 200: o.meetingOut } } }, async (req) => {
    await meetings.meetingEvent(req.ctx, req.params.id, 'cancel', req.body?.reason);
    return detail(req.ctx, req.params.id);
  });
  app.get(`${P}/meetings/:id/timeline`, { config: signedIn, schema: { tags, params: s.idParams, response: { 200: o.timelineOut } } }, async (req) => meetingTimeline(req.ctx, req.params.id));
  app.post(`${P}/meetings/:id/materials`, { config: office, schema: { tags, summary: 'Upload a meeting material (multipart, field "file")', params: s.idParams, response: { 201: o.fileOut } } }, async (req, reply) => {
    return reply.code(201).send(await meetings.addMaterial(req.ctx, deps.files, deps.config.uploadLimit, req.params.id, await uploadedFile(req)));
  });
  app.get(`${P}/meetings/:id/materials/:fileId`, { config: signedIn, schema: { tags, params: s.fileParams } }, async (req, reply) => {
    await loadMeeting(req.ctx, req.ctx.db, req.params.id);
    const linked = await req.ctx.db.selectFrom('consultation_materials').select('file_id').where('meeting_id', '=', req.params.id).where('file_id', '=', req.params.fileId).executeTakeFirst();
    const row = linked && (await deps.files.find(req.ctx.db, req.params.fileId));
    if (!row) throw notFound({ zh: '材料不存在', en: 'No such material' });
    return sendFile(reply, deps.files, row);
  });
  app.post(`${P}/meetings/:id/reply`, { config: signedIn, schema: { tags, params: s.idParams, body: s.replyIn, response: { 200: o.meetingOut } } }, async (req) => {
    await meetings.reply(req.ctx, req.params.id, req.body);
    return detail(req.ctx, req.params.id);
  });

  // ---- check-in and attendance ---------------------------------------------------------------
  app.get(`${P}/meetings/:id/checkin-code`, { config: office, schema: { tags, params: s.idParams, response: { 200: o.checkinCodeOut } } }, async (req) => checkinCode(req.ctx, req.params.id, requestBaseUrl(req, deps.config)));
  app.get(`${P}/checkin/:token`, { config: signedIn, schema: { tags, summary: 'The meeting a check-in code leads to, and whether the caller may check in now', params: s.tokenParams, response: { 200: o.checkinPreviewOut } } }, async (req) => checkinPreview(req.ctx, req.params.token));
  app.post(`${P}/checkin`, { config: signedIn, schema: { tags, summary: 'Check in with the token of a meeting QR code', body: s.checkinIn, response: { 200: o.checkinOut } } }, async (req) => checkin(req.ctx, req.body));
  app.get(`${P}/meetings/:id/attendance`, { config: readers, schema: { tags, params: s.idParams, response: { 200: o.attendanceOut } } }, async (req) => attendance(req.ctx, req.params.id));
  app.post(`${P}/meetings/:id/external-guests`, { config: office, schema: { tags, summary: 'Record an invited guest who is not a member (official, expert, public seat)', params: s.idParams, body: s.externalGuestIn, response: { 201: o.externalGuestOut } } }, async (req, reply) =>
    reply.code(201).send(await addExternalGuest(req.ctx, req.params.id, req.body)),
  );
  app.delete(`${P}/meetings/:id/external-guests/:guestId`, { config: office, schema: { tags, params: s.guestParams, response: { 204: z.null() } } }, async (req, reply) => {
    await removeExternalGuest(req.ctx, req.params.id, req.params.guestId);
    return reply.code(204).send(null);
  });
  app.get(`${P}/meetings/:id/attendance.xlsx`, { config: readers, schema: { tags, params: s.idParams } }, async (req, reply) => {
    const a = await attendance(req.ctx, req.params.id);
    const labels = { present: '出席', leave: '请假', absent: '缺席', expected: '待出席' } as const;
    const answers = { pending: '未回复', accepted: '参加', leave: '请假' } as const;
    const sheet = writeSheet('出勤情况', [{ header: '姓名', width: 14 }, { header: '界别', width: 18 }, { header: '回复' }, { header: '请假理由', width: 30 }, { header: '出勤' }, { header: '签到时间', width: 24 }],
      (async function* () {
        for (const i of a.items) yield [i.name, i.sector, answers[i.answer], i.reason, labels[i.status], i.checkedInAt];
        const kinds = { official: '领导干部', expert: '专家学者', public: '群众代表', other: '其他' } as const;
        for (const g of a.guests) yield [g.name, `特邀人员（${kinds[g.category]}）${g.workplace ? `：${g.workplace}` : ''}`, null, null, '特邀', null];
      })());
    return reply.type(XLSX_MIME).header('content-disposition', attachment(`${a.meeting.topic}出勤情况.xlsx`)).send(sheet);
  });

  // ---- speeches and best-speech votes --------------------------------------------------------
  app.post(`${P}/meetings/:id/speeches`, { config: signedIn, schema: { tags, params: s.idParams, body: s.speechIn, response: { 201: o.createdOut } } }, async (req, reply) => reply.code(201).send(await speeches.registerSpeech(req.ctx, req.params.id, req.body)));
  app.post(`${P}/speeches/:id/file`, { config: signedIn, schema: { tags, summary: "Upload the speech as a Word or PDF document (multipart, field \"file\"); the speaker only", params: s.idParams, response: { 201: o.fileOut } } }, async (req, reply) => {
    return reply.code(201).send(await speeches.attachSpeechFile(req.ctx, deps.files, deps.config.uploadLimit, req.params.id, await uploadedFile(req)));
  });
  app.get(`${P}/speeches/:id/file`, { config: signedIn, schema: { tags, summary: 'The speech document: the office, leaders and the speaker', params: s.idParams } }, async (req, reply) => {
    const row = await speeches.speechFile(req.ctx, deps.files, req.params.id);
    return sendFile(reply, deps.files, row);
  });
  app.post(`${P}/speeches/:id/withdraw`, { config: signedIn, schema: { tags, params: s.idParams, response: { 200: o.okOut } } }, async (req) => {
    await speeches.withdrawSpeech(req.ctx, req.params.id);
    return ok;
  });
  app.post(`${P}/speeches/:id/approve`, { config: office, schema: { tags, params: s.idParams, response: { 200: o.okOut } } }, async (req) => {
    await speeches.decideSpeech(req.ctx, req.params.id, 'approve');
    return ok;
  });
  app.post(`${P}/speeches/:id/reject`, { config: office, schema: { tags, params: s.idParams, body: s.reasonIn, response: { 200: o.okOut } } }, async (req) => {
    await speeches.decideSpeech(req.ctx, req.params.id, 'reject', req.body.reason);
    return ok;
  });
  app.put(`${P}/meetings/:id/speech-order`, { config: office, schema: { tags, params: s.idParams, body: s.orderIn, response: { 200: o.meetingOut } } }, async (req) => {
    await speeches.orderSpeeches(req.ctx, req.params.id, req.body);
    return detail(req.ctx, req.params.id);
  });
  app.post(`${P}/speeches/:id/speaking`, { config: office, schema: { tags, params: s.idParams, response: { 200: o.okOut } } }, async (req) => {
    await speeches.markSpeaking(req.ctx, req.params.id);
    return ok;
  });
  app.post(`${P}/meetings/:id/speaking/clear`, { config: office, schema: { tags, params: s.idParams, response: { 200: o.okOut } } }, async (req) => {
    await speeches.markSpeaking(req.ctx, null, req.params.id);
    return ok;
  });
  app.put(`${P}/meetings/:id/vote-settings`, { config: office, schema: { tags, params: s.idParams, body: s.voteSettingsIn, response: { 200: o.meetingOut } } }, async (req) => {
    await votes.setVoteSettings(req.ctx, req.params.id, req.body);
    return detail(req.ctx, req.params.id);
  });
  app.post(`${P}/meetings/:id/votes`, { config: signedIn, schema: { tags, params: s.idParams, body: s.voteIn, response: { 201: o.voteOut } } }, async (req, reply) => reply.code(201).send(await votes.vote(req.ctx, req.params.id, req.body)));
  app.get(`${P}/meetings/:id/vote-results`, { config: office, schema: { tags, params: s.idParams, response: { 200: o.voteResultsOut } } }, async (req) => votes.results(req.ctx, req.params.id));
  app.put(`${P}/meetings/:id/best-speeches`, { config: office, schema: { tags, params: s.idParams, body: s.bestIn, response: { 200: o.meetingOut } } }, async (req) => {
    await votes.confirmBest(req.ctx, req.params.id, req.body);
    return detail(req.ctx, req.params.id);
  });

  // ---- suggestions ---------------------------------------------------------------------------
  app.post(`${P}/suggestions`, { config: office, schema: { tags, body: s.suggestionIn, response: { 201: o.createdOut } } }, async (req, reply) => reply.code(201).send(await suggestions.createSuggestion(req.ctx, req.body)));
  app.get(`${P}/suggestions`, { config: { access: ['admin', 'staff', 'leader', 'unit'] }, schema: { tags, querystring: s.suggestionsQuery, response: { 200: o.suggestionsPage } } }, async (req) => suggestions.listSuggestions(req.ctx, req.query));
  app.get(`${P}/suggestions/:id`, { config: { access: ['admin', 'staff', 'leader', 'unit'] }, schema: { tags, params: s.idParams, response: { 200: o.suggestionOut } } }, async (req) => suggestions.suggestionDetail(req.ctx, req.params.id));
  app.post(`${P}/suggestions/:id/assign`, { config: office, schema: { tags, params: s.idParams, body: s.assignIn, response: { 200: o.suggestionOut } } }, async (req) => {
    await suggestions.assign(req.ctx, req.params.id, req.body);
    return suggestions.suggestionDetail(req.ctx, req.params.id);
  });
  app.post(`${P}/suggestions/:id/answer`, { config: { access: ['unit'] }, schema: { tags, params: s.idParams, body: s.answerIn, response: { 200: o.suggestionOut } } }, async (req) => {
    await suggestions.answer(req.ctx, req.params.id, req.body);
    return suggestions.suggestionDetail(req.ctx, req.params.id);
  });
  app.post(`${P}/suggestions/:id/adoption`, { config: office, schema: { tags, params: s.idParams, body: s.adoptionIn, response: { 200: o.suggestionOut } } }, async (req) => {
    await suggestions.adoption(req.ctx, req.params.id, req.body);
    return suggestions.suggestionDetail(req.ctx, req.params.id);
  });

  // ---- outcomes ------------------------------------------------------------------------------
  app.post(`${P}/meetings/:id/outcomes`, { config: office, schema: { tags, params: s.idParams, body: s.outcomeIn, response: { 201: o.createdOut } } }, async (req, reply) => reply.code(201).send(await outcomes.createOutcome(req.ctx, req.params.id, req.body)));
  app.get(`${P}/outcomes`, { config: readers, schema: { tags, querystring: s.yearQuery, response: { 200: o.outcomesOut } } }, async (req) => outcomes.listOutcomes(req.ctx, req.query.year));
  app.get(`${P}/outcomes/:id`, { config: readers, schema: { tags, params: s.idParams, response: { 200: o.outcomeOut } } }, async (req) => outcomes.outcomeDetail(req.ctx, req.params.id));
  app.get(`${P}/outcomes/:id/docx`, { config: readers, schema: { tags, params: s.idParams } }, async (req, reply) => {
    const doc = await outcomes.outcomeDocument(req.ctx, req.params.id);
    return reply.type(DOCX_MIME).header('content-disposition', attachment(doc.name)).send(doc.data);
  });
  app.post(`${P}/outcomes/:id/forwardings`, { config: office, schema: { tags, params: s.idParams, body: s.forwardingIn, response: { 201: o.createdOut } } }, async (req, reply) =>
    reply.code(201).send(await outcomes.followUp(req.ctx, req.params.id, { kind: 'forwarding', input: req.body })),
  );
  app.post(`${P}/outcomes/:id/instructions`, { config: office, schema: { tags, params: s.idParams, body: s.instructionIn, response: { 201: o.createdOut } } }, async (req, reply) =>
    reply.code(201).send(await outcomes.followUp(req.ctx, req.params.id, { kind: 'instruction', input: req.body })),
  );
  app.post(`${P}/outcomes/:id/adoptions`, { config: office, schema: { tags, params: s.idParams, body: s.outcomeAdoptionIn, response: { 201: o.createdOut } } }, async (req, reply) =>
    reply.code(201).send(await outcomes.followUp(req.ctx, req.params.id, { kind: 'adoption', input: req.body })),
  );

  // ---- statistics ----------------------------------------------------------------------------
  app.get(`${P}/stats`, { config: readers, schema: { tags, summary: 'Figures of a year for the work report', description: "The year defaults to the current one in Asia/Shanghai, the organization to the caller's own; scope=system adds every organization below it. For staff, admins and leaders of the organization or one above it.", querystring: s.statsQuery, response: { 200: o.statsOut } } }, async (req) => {
    const org = req.query.organizationId ?? req.actor!.organizationId;
    if (!isReader(req.ctx, org)) throw notFound({ zh: '组织不存在', en: 'No such organization' });
    return consultationStats(req.ctx.db, org, req.query.scope, scopeOrgs(req.ctx, org, req.query.scope), req.query.year ?? chinaYear());
  });
}

