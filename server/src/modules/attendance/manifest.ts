import type { Manifest } from '../../platform/manifest.js';

/**
 * Attendance (签到), shared: the rules of QR check-in and attendance for every kind of event.
 * It has no routes of its own: each module that holds events (consultations, halls) serves its
 * check-in pages over this module's service, so the addresses stay under the event's module.
 */
export const attendance: Manifest = { name: 'attendance', routes: () => undefined };
