// Speeches: invited members register to speak with their text; the office approves, orders and,
// during the meeting, marks who is speaking now (pushed to open live-room pages).
import type { z } from 'zod';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Ctx, Trx } from '../../platform/context.js';
import type { ConsultationSpeechTable, MeetingState } from '../../platform/db/consultation-types.js';
import { SPEECH_FILES, type FileStore } from '../../platform/files.js';
import { loadMeeting, myInvitation, now, publish, record, requireOffice, SPEAKER_TOPIC, speechAccess, type MeetingRow } from './commands.js';
import { checkEvent, meetingFlow, speechFlow, stateConflict } from './workflow.js';
import type * as s from './schema.js';

type Speech = Omit<ConsultationSpeechTable, 'id'> & { id: number };
const ENTITY = 'consultation_meeting';

/** The speech and its meeting, both locked on PostgreSQL: the meeting first, as every command of a meeting locks it. */
async function loadSpeech(ctx: Ctx, trx: Trx, id: number): Promise<{ speech: Speech; meeting: MeetingRow }> {
  const found = await trx.selectFrom('consultation_speeches').select('meeting_id').where('id', '=', id).executeTakeFirst();
  if (!found) throw notFound({ zh: '发言不存在', en: 'No such speech' });
  const meeting = await loadMeeting(ctx, trx, found.meeting_id, { lock: true });
  let q = trx.selectFrom('consultation_speeches').selectAll().where('id', '=', id);
  if (ctx.dialect === 'postgres') q = q.forUpdate();
  return { speech: (await q.executeTakeFirstOrThrow()) as Speech, meeting };
}

const open = (state: MeetingState) => state === 'published' || state === 'in_progress';

export async function registerSpeech(ctx: Ctx, meetingId: number, input: z.infer<typeof s.speechIn>) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, meetingId);
    const inv = await myInvitation(ctx, trx, meetingId);
    if (!open(m.state)) throw stateConflict(meetingFlow, m.state, { zh: '报名发言', en: 'Registering to speak' });
    const at = now();
    const row = await trx
      .insertInto('consultation_speeches')
      .values({ meeting_id: meetingId, member_id: inv.member_id, title: input.title, text: input.text, state: 'submitted', position: null, reject_reason: null, spoken_at: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await record(trx, ctx, ENTITY, meetingId, m.organization_id, 'speech_register', undefined, { speechId: row.id, memberId: inv.member_id, title: input.title, state: 'submitted' });
    return { id: row.id };
  });
}

/**
 * The speaker uploads their text as a document (Word or PDF) while the speech is still to be
 * given. A second upload replaces the first for readers; both stay stored and on the timeline.
 */
export async function attachSpeechFile(ctx: Ctx, files: FileStore, maxBytes: number, id: number, input: { name: string; declaredMime: string; data: Buffer }) {
  // Checked before the bytes are written: who may not, or whose speech is not there, writes nothing.
  const first = await ctx.db.selectFrom('consultation_speeches').select(['meeting_id', 'member_id']).where('id', '=', id).executeTakeFirst();
  if (!first) throw notFound({ zh: '发言不存在', en: 'No such speech' });
  const meeting = await loadMeeting(ctx, ctx.db, first.meeting_id);
  if (ctx.actor!.memberId === null || first.member_id !== ctx.actor!.memberId) throw forbidden({ zh: '只有发言人本人可以上传讲稿', en: 'Only the speaker may upload the speech' });
  const file = await files.write({ ...input, organizationId: meeting.organization_id, ownerId: ctx.actor!.userId }, { maxBytes, allowed: SPEECH_FILES });
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const { speech, meeting } = await loadSpeech(ctx, trx, id);
      if (speech.state !== 'submitted' && speech.state !== 'approved') throw conflict({ zh: `发言${speechFlow.states[speech.state].zh}，不能上传讲稿`, en: `The speech is ${speechFlow.states[speech.state].en.toLowerCase()}: no file can be uploaded` });
      if (!open(meeting.state)) throw stateConflict(meetingFlow, meeting.state, { zh: '上传讲稿', en: 'Uploading a speech' });
      await files.record(trx, file, { kind: 'speech', id });
      await trx.updateTable('consultation_speeches').set({ file_id: file.id, updated_at: now() }).where('id', '=', id).execute();
      await record(trx, ctx, ENTITY, meeting.id, meeting.organization_id, 'speech_file', speech.file_id ? { speechId: id, fileId: speech.file_id } : undefined, { speechId: id, fileId: file.id, name: file.name });
    });
  } catch (err) {
    await files.remove(file.id);
    throw err;
  }
  return { id: file.id, name: file.name, mime: file.mime, size: file.size };
}

/** The speech's document, for those who may read its full text (speechAccess). */
export async function speechFile(ctx: Ctx, files: FileStore, id: number) {
  const row = await ctx.db.selectFrom('consultation_speeches').select(['meeting_id', 'member_id', 'state', 'file_id']).where('id', '=', id).executeTakeFirst();
  const missing = () => notFound({ zh: '讲稿不存在', en: 'No such speech file' });
  if (!row) throw missing();
  const meeting = await loadMeeting(ctx, ctx.db, row.meeting_id);
  if (!row.file_id || !speechAccess(ctx, meeting.organization_id, row).full) throw missing();
  const file = await files.find(ctx.db, row.file_id);
  if (!file) throw missing();
  return file;
}

export async function withdrawSpeech(ctx: Ctx, id: number) {
  let cleared = false;
  await ctx.db.transaction().execute(async (trx) => {
    const { speech, meeting } = await loadSpeech(ctx, trx, id);
    if (ctx.actor!.memberId === null || speech.member_id !== ctx.actor!.memberId) throw forbidden({ zh: '只有发言人本人可以撤回', en: 'Only the speaker may withdraw a speech' });
    const to = checkEvent(ctx, speechFlow, 'withdraw', { state: speech.state, organizationId: meeting.organization_id });
    if (meeting.state === 'ended' || meeting.state === 'cancelled') throw stateConflict(meetingFlow, meeting.state, { zh: '撤回发言', en: 'Withdrawing a speech' });
    await trx.updateTable('consultation_speeches').set({ state: to, position: null, updated_at: now() }).where('id', '=', id).execute();
    if (meeting.speaking_speech_id === id) {
      await trx.updateTable('consultation_meetings').set({ speaking_speech_id: null }).where('id', '=', meeting.id).execute();
      cleared = true;
    }
    await record(trx, ctx, ENTITY, meeting.id, meeting.organization_id, 'speech_withdraw', { speechId: id, state: speech.state }, { speechId: id, state: to });
  });
  if (cleared) await publishSpeaker(ctx, id, null);
}

async function publishSpeaker(ctx: Ctx, speechId: number, now: number | null) {
  const row = await ctx.db.selectFrom('consultation_speeches').select('meeting_id').where('id', '=', speechId).executeTakeFirst();
  if (row) await publish(ctx, SPEAKER_TOPIC, { meetingId: row.meeting_id, speechId: now });
}

export async function decideSpeech(ctx: Ctx, id: number, event: 'approve' | 'reject', reason?: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const { speech, meeting } = await loadSpeech(ctx, trx, id);
    requireOffice(ctx, meeting.organization_id, { zh: '安排发言', en: 'arrange speeches' });
    const to = checkEvent(ctx, speechFlow, event, { state: speech.state, organizationId: meeting.organization_id });
    if (meeting.state === 'ended' || meeting.state === 'cancelled') throw stateConflict(meetingFlow, meeting.state, speechFlow.events[event].label);
    let position: number | null = null;
    if (event === 'approve') {
      const last = await trx.selectFrom('consultation_speeches').select((eb) => eb.fn.max('position').as('p')).where('meeting_id', '=', meeting.id).where('state', '=', 'approved').executeTakeFirst();
      position = Number(last?.p ?? 0) + 1;
    }
    await trx.updateTable('consultation_speeches').set({ state: to, position, reject_reason: event === 'reject' ? reason! : null, updated_at: now() }).where('id', '=', id).execute();
    await record(trx, ctx, ENTITY, meeting.id, meeting.organization_id, `speech_${event}`, { speechId: id, state: speech.state }, { speechId: id, state: to, ...(reason ? { reason } : {}), ...(position ? { position } : {}) });
  });
}

export async function orderSpeeches(ctx: Ctx, meetingId: number, input: z.infer<typeof s.orderIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, meetingId, { lock: true });
    requireOffice(ctx, m.organization_id, { zh: '安排发言顺序', en: 'order the speeches' });
    if (m.state === 'ended' || m.state === 'cancelled') throw stateConflict(meetingFlow, m.state, { zh: '调整发言顺序', en: 'Ordering speeches' });
    const approved = (await trx.selectFrom('consultation_speeches').select('id').where('meeting_id', '=', meetingId).where('state', '=', 'approved').execute()).map((r) => r.id);
    const wanted = input.speechIds;
    if (new Set(wanted).size !== wanted.length || wanted.length !== approved.length || wanted.some((w) => !approved.includes(w)))
      throw invalid('body.speechIds', { zh: '请按顺序列出全部已安排的发言，每个一次', en: 'List every approved speech of the meeting once, in order' });
    for (const [i, sid] of wanted.entries()) await trx.updateTable('consultation_speeches').set({ position: i + 1 }).where('id', '=', sid).execute();
    await record(trx, ctx, ENTITY, meetingId, m.organization_id, 'speech_order', undefined, { speechIds: wanted });
  });
}

export async function markSpeaking(ctx: Ctx, speechId: number | null, meetingId?: number) {
  const mid = await ctx.db.transaction().execute(async (trx) => {
    let meeting: MeetingRow;
    let speech: Speech | null = null;
    if (speechId !== null) ({ speech, meeting } = await loadSpeech(ctx, trx, speechId));
    else meeting = await loadMeeting(ctx, trx, meetingId!, { lock: true });
    requireOffice(ctx, meeting.organization_id, { zh: '标记发言人', en: 'mark the speaker' });
    const label = { zh: '标记正在发言', en: 'Marking the speaker' };
    if (meeting.state !== 'in_progress') throw stateConflict(meetingFlow, meeting.state, label);
    if (speech) checkEvent(ctx, speechFlow, 'speak', { state: speech.state, organizationId: meeting.organization_id });
    if (meeting.speaking_speech_id === speechId) throw conflict({ zh: speechId ? '该发言人已在发言' : '当前没有人在发言', en: speechId ? 'This speaker is already speaking' : 'Nobody is speaking' });
    const at = now();
    await trx.updateTable('consultation_meetings').set({ speaking_speech_id: speechId, updated_at: at }).where('id', '=', meeting.id).execute();
    if (speech && !speech.spoken_at) await trx.updateTable('consultation_speeches').set({ spoken_at: at }).where('id', '=', speech.id).execute();
    await record(trx, ctx, ENTITY, meeting.id, meeting.organization_id, speechId ? 'speaking' : 'speaking_clear', { speechId: meeting.speaking_speech_id }, { speechId });
    return meeting.id;
  });
  await publish(ctx, SPEAKER_TOPIC, { meetingId: mid, speechId });
}
