// HTTP routes of check-in at deliberation sessions: the office's QR code and attendance list, the
// attendee's page behind the code. Each says who may call it; the rules are in modules/attendance.
import { z } from 'zod';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { requestBaseUrl } from '../../platform/public-url.js';
import * as a from '../attendance/http.js';
import * as s from './schema.js';
import { sessionAttendance, sessionCheckin, sessionCheckinCode, sessionCheckinPreview } from './attendance.js';

const tags = ['halls'];
const signedIn = { access: 'signed-in' as const };
const office = { access: ['admin', 'staff'] as const };
const readers = { access: ['admin', 'staff', 'leader'] as const };

const attendanceOut = z.object({
  session: z.object({ id: z.number(), title: z.string(), startsAt: z.string(), endsAt: z.string(), opensAt: z.string() }),
  items: z.array(z.object({ kind: z.enum(['member', 'resident']), memberId: z.number().nullable(), name: z.string(), status: a.statusOut, late: z.boolean(), checkedInAt: z.string().nullable() })),
  totals: a.totalsOut,
});

export function attendanceRoutes(app: App, deps: ModuleDeps) {
  app.get('/api/halls/sessions/:id/checkin-code', { config: office, schema: { tags, summary: "The session's check-in QR code, issued on first request", params: s.idParams, response: { 200: a.codeOut } } }, async (req) =>
    sessionCheckinCode(req.ctx, req.params.id, requestBaseUrl(req, deps.config)),
  );
  app.get('/api/halls/attendance', { config: readers, schema: { tags, summary: 'Who of the invited members and residents checked in at a session, and who did not', querystring: s.attendanceQuery, response: { 200: attendanceOut } } }, async (req) =>
    sessionAttendance(req.ctx, req.query.sessionId),
  );
  app.get('/api/halls/checkin/:token', { config: signedIn, schema: { tags, summary: 'The session a check-in code leads to, and whether the caller may check in now', params: a.tokenParams, response: { 200: a.previewOut.extend({ sessionId: z.number() }) } } }, async (req) =>
    sessionCheckinPreview(req.ctx, req.params.token),
  );
  app.post('/api/halls/checkin/:token', { config: signedIn, schema: { tags, summary: 'Check in at a session (once; a second scan says so)', params: a.tokenParams, response: { 200: a.checkinOut.extend({ sessionId: z.number() }) } } }, async (req) =>
    sessionCheckin(req.ctx, req.params.token),
  );
}
