// Lists and details of meetings, limited to what the caller may see: the office and leaders see
// their organizations' meetings; invitees see theirs once published; everyone sees published
// online meetings (they are open to the public).
import type { z } from 'zod';
import { sql } from 'kysely';
import { visibleOrgs, type Ctx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { toPage } from '../../platform/paging.js';
import { yearRange } from '../../platform/time.js';
import { maskPhone, maySeeContact } from '../../platform/privacy.js';
import { isOffice, isReader, loadMeeting, speechAccess, timeline } from './commands.js';
import { statusOf, windowProblem } from './checkin.js';
import { meetingTypes, type MeetingTypeKey } from './schema.js';
import { meetingFlow, mayFire } from './workflow.js';
import type * as s from './schema.js';

const readerOrgs = (ctx: Ctx) => [...new Set(ctx.actor!.roles.filter((r) => ['admin', 'staff', 'leader'].includes(r.role)).flatMap((r) => ctx.orgTree.subtree(r.organizationId)))];

export async function config(ctx: Ctx) {
  const actor = ctx.actor!;
  const org = actor.organizationId;
  const committees = await ctx.db.selectFrom('committees').select(['id', 'name']).where('organization_id', '=', org).orderBy('sort').orderBy('id').execute();
  const units = await ctx.db.selectFrom('handling_units').select(['id', 'name']).where('organization_id', '=', org).where('active', '=', 1).orderBy('sort').orderBy('id').execute();
  const types = Object.entries(meetingTypes).map(([value, label]) => ({ value, label }));
  if (!isOffice(ctx, org)) return { types, committees, units };
  const members = await ctx.db
    .selectFrom('members as m')
    .leftJoin('sectors as sc', 'sc.id', 'm.sector_id')
    .select(['m.id', 'm.name', 'sc.name as sector'])
    .where('m.organization_id', '=', org)
    .where('m.status', '=', 'active')
    .orderBy('sc.sort')
    .orderBy('m.id')
    .execute();
  const officials = await ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name as name', 'r.role'])
    .where('r.organization_id', '=', org)
    .where('r.role', 'in', ['leader', 'unit'])
    .where('u.status', '=', 'active')
    .orderBy('r.role')
    .orderBy('u.id')
    .execute();
  return { types, committees, units, members, officials };
}

export async function listMeetings(ctx: Ctx, q: z.infer<typeof s.meetingsQuery>) {
  const actor = ctx.actor!;
  const readable = readerOrgs(ctx);
  const visible = visibleOrgs(ctx, actor);
  let base = ctx.db.selectFrom('consultation_meetings as cm').leftJoin('committees as c', 'c.id', 'cm.committee_id');
  base = base.where((eb) =>
    eb.or([
      ...(readable.length ? [eb('cm.organization_id', 'in', readable)] : []),
      eb.and([eb('cm.online', '=', 1), eb('cm.state', 'in', ['published', 'in_progress', 'ended']), ...(visible.length ? [eb('cm.organization_id', 'in', visible)] : [eb.val(false)])]),
      eb.and([
        eb('cm.state', '!=', 'draft'),
        eb.or([
          ...(actor.memberId !== null ? [eb.exists(eb.selectFrom('consultation_invitations as i').select('i.id').whereRef('i.meeting_id', '=', 'cm.id').where('i.member_id', '=', actor.memberId))] : []),
          eb.exists(
            eb.selectFrom('consultation_guests as g').select('g.id').whereRef('g.meeting_id', '=', 'cm.id')
              .where((w) => w.or([w('g.user_id', '=', actor.userId), ...(actor.handlingUnitId !== null ? [w('g.unit_id', '=', actor.handlingUnitId)] : [])])),
          ),
        ]),
      ]),
    ]),
  );
  if (q.year) base = base.where('cm.starts_at', '>=', yearRange(q.year).from).where('cm.starts_at', '<', yearRange(q.year).to);
  if (q.type) base = base.where('cm.type', '=', q.type);
  if (q.state) base = base.where('cm.state', '=', q.state);
  if (q.toAnswer)
    base = base.where('cm.state', 'in', ['published', 'in_progress']).where((eb) =>
      eb.exists(eb.selectFrom('consultation_invitations as i').select('i.id').whereRef('i.meeting_id', '=', 'cm.id').where('i.member_id', '=', actor.memberId ?? -1).where('i.answer', '=', 'pending')),
    );
  const total = Number((await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  // Latest start first, as staff read a calendar. The cursor stays the last row's id; its start
  // time is looked up, so the order and the cursor need no second key in the URL.
  let page = base
    .select(['cm.id', 'cm.organization_id', 'cm.type', 'cm.topic', 'cm.starts_at', 'cm.ends_at', 'cm.place', 'cm.online', 'cm.state', 'cm.committee_id', 'c.name as committee_name'])
    .orderBy('cm.starts_at', 'desc')
    .orderBy('cm.id', 'desc')
    .limit(q.limit + 1);
  if (q.cursor) {
    const last = await ctx.db.selectFrom('consultation_meetings').select(['id', 'starts_at']).where('id', '=', Number(q.cursor)).executeTakeFirst();
    if (!last) throw invalid('query.cursor', { zh: '分页游标无效', en: 'Invalid cursor' });
    page = page.where((eb) => eb.or([eb('cm.starts_at', '<', last.starts_at), eb.and([eb('cm.starts_at', '=', last.starts_at), eb('cm.id', '<', last.id)])]));
  }
  const rows = await page.execute();
  return toPage(rows, q.limit, total, (r) => ({
    id: r.id, organizationId: r.organization_id, type: r.type, typeLabel: meetingTypes[r.type as MeetingTypeKey], topic: r.topic, startsAt: r.starts_at, endsAt: r.ends_at,
    place: r.place, online: r.online === 1, state: r.state, stateLabel: meetingFlow.states[r.state], committeeId: r.committee_id, committeeName: r.committee_name,
  }));
}

export async function meetingDetail(ctx: Ctx, id: number) {
  const m = await loadMeeting(ctx, ctx.db, id);
  const actor = ctx.actor!;
  const office = isOffice(ctx, m.organization_id);
  const reader = isReader(ctx, m.organization_id);
  const db = ctx.db;
  const committee = m.committee_id ? await db.selectFrom('committees').select('name').where('id', '=', m.committee_id).executeTakeFirst() : undefined;
  const agenda = await db.selectFrom('consultation_agenda_items').select(['title', 'note']).where('meeting_id', '=', id).orderBy('position').execute();
  const materials = await db.selectFrom('consultation_materials as cmat').innerJoin('files as f', 'f.id', 'cmat.file_id').select(['f.id', 'f.name', 'f.mime', 'f.size']).where('cmat.meeting_id', '=', id).orderBy('cmat.created_at').execute();
  const inv = actor.memberId !== null ? await db.selectFrom('consultation_invitations').selectAll().where('meeting_id', '=', id).where('member_id', '=', actor.memberId).executeTakeFirst() : undefined;
  const speeches = await db
    .selectFrom('consultation_speeches as sp')
    .innerJoin('members as mb', 'mb.id', 'sp.member_id')
    .leftJoin('files as f', 'f.id', 'sp.file_id')
    .select(['sp.id', 'sp.member_id', 'mb.name', 'sp.title', 'sp.text', 'sp.state', 'sp.position', 'sp.reject_reason', 'sp.spoken_at', 'sp.created_at', 'f.id as file_id', 'f.name as file_name', 'f.mime as file_mime', 'f.size as file_size'])
    .where('sp.meeting_id', '=', id)
    .orderBy(sql`case when sp.position is null then 1 else 0 end`)
    .orderBy('sp.position')
    .orderBy('sp.id')
    .execute();
  const shown = speeches.map((x) => ({ ...x, access: speechAccess(ctx, m.organization_id, x) })).filter((x) => x.access.listed);
  const myVotes = inv ? (await db.selectFrom('consultation_votes').select('speech_id').where('invitation_id', '=', inv.id).execute()).map((v) => v.speech_id) : [];
  const best = m.best_confirmed_at
    ? await db
        .selectFrom('consultation_best_speeches as b')
        .innerJoin('consultation_speeches as sp', 'sp.id', 'b.speech_id')
        .innerJoin('members as mb', 'mb.id', 'sp.member_id')
        .select(['b.speech_id', 'sp.title', 'mb.name', 'b.votes'])
        .where('b.meeting_id', '=', id)
        .orderBy('b.position')
        .execute()
    : [];
  const at = new Date().toISOString();
  const st = { state: m.state, organizationId: m.organization_id };
  const open = m.state === 'published' || m.state === 'in_progress';
  const votingOpen = !!m.vote_opens_at && !!m.vote_closes_at && at >= m.vote_opens_at && at <= m.vote_closes_at && !m.best_confirmed_at && m.state !== 'cancelled';
  const invited = office
    ? {
        members: await db.selectFrom('consultation_invitations as i').innerJoin('members as mb', 'mb.id', 'i.member_id').select(['mb.id', 'mb.name']).where('i.meeting_id', '=', id).orderBy('mb.id').execute(),
        users: await db.selectFrom('consultation_guests as g').innerJoin('users as u', 'u.id', 'g.user_id').select(['u.id', 'u.display_name as name']).where('g.meeting_id', '=', id).orderBy('u.id').execute(),
        units: await db.selectFrom('consultation_guests as g').innerJoin('handling_units as u', 'u.id', 'g.unit_id').select(['u.id', 'u.name']).where('g.meeting_id', '=', id).orderBy('u.id').execute(),
      }
    : undefined;
  return {
    id: m.id, organizationId: m.organization_id, type: m.type, typeLabel: meetingTypes[m.type], topic: m.topic, startsAt: m.starts_at, endsAt: m.ends_at, place: m.place,
    online: m.online === 1, state: m.state, stateLabel: meetingFlow.states[m.state], committeeId: m.committee_id, committeeName: committee?.name ?? null,
    planItemId: m.plan_item_id, publicSeats: m.public_seats, cancelReason: m.cancel_reason,
    agenda: agenda.map((a) => ({ title: a.title, note: a.note })),
    materials,
    invited,
    myInvitation: inv ? { answer: inv.answer, reason: inv.reason, checkedInAt: inv.checked_in_at, status: statusOf(m.state, inv) } : null,
    speeches: shown.map((x) => ({
      id: x.id, memberId: x.member_id, memberName: x.name, title: x.title, state: x.state, position: x.position, spokenAt: x.spoken_at, createdAt: x.created_at,
      // The others see what is said in the room.
      text: x.access.full ? x.text : null,
      file: x.access.full && x.file_id ? { id: x.file_id, name: x.file_name!, mime: x.file_mime!, size: x.file_size! } : null,
      rejectReason: office || x.access.mine ? x.reject_reason : null,
    })),
    speakingNow: m.speaking_speech_id ? { speechId: m.speaking_speech_id } : null,
    voteSettings: { votesPerAttendee: m.votes_per_attendee, opensAt: m.vote_opens_at, closesAt: m.vote_closes_at },
    myVotes,
    bestSpeeches: best.map((b) => ({ speechId: b.speech_id, title: b.title, memberName: b.name, votes: b.votes })),
    bestConfirmedAt: m.best_confirmed_at,
    abilities: {
      edit: mayFire(ctx, meetingFlow, 'edit', st),
      publish: mayFire(ctx, meetingFlow, 'publish', st),
      start: mayFire(ctx, meetingFlow, 'start', st),
      end: mayFire(ctx, meetingFlow, 'end', st),
      cancel: mayFire(ctx, meetingFlow, 'cancel', st),
      reply: !!inv && open && !inv.checked_in_at,
      checkin: !!inv && !inv.checked_in_at && windowProblem(m) === null,
      registerSpeech: !!inv && open,
      manageSpeeches: office && m.state !== 'ended' && m.state !== 'cancelled',
      markSpeaking: office && m.state === 'in_progress',
      vote: !!inv && !!inv.checked_in_at && votingOpen && myVotes.length < m.votes_per_attendee,
      confirmBest: office && !!m.vote_closes_at && at > m.vote_closes_at && m.state !== 'cancelled',
      suggest: office && m.state !== 'draft' && m.state !== 'cancelled',
      attendance: reader,
      checkinCode: office,
    },
  };
}

export async function meetingTimeline(ctx: Ctx, id: number) {
  const m = await loadMeeting(ctx, ctx.db, id);
  // Invitees see the meeting, not who answered what: the full record is the office's and leaders'.
  if (!isReader(ctx, m.organization_id)) return (await timeline(ctx.db, 'consultation_meeting', id)).filter((e) => ['create', 'publish', 'start', 'end', 'cancel'].includes(e.action));
  const entries = await timeline(ctx.db, 'consultation_meeting', id);
  // A guest's phone, as the guest list shows it: in full to the office only.
  if (maySeeContact(ctx, { kind: 'guest', organizationId: m.organization_id })) return entries;
  return entries.map((e) => (e.action === 'add_guest' && typeof e.after?.phone === 'string' ? { ...e, after: { ...e.after, phone: maskPhone(e.after.phone) } } : e));
}
