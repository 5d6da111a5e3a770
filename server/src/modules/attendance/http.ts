// The HTTP shapes of check-in, part of this module's public service: the modules that serve
// check-in pages use them, and the output schemas keep anything else from leaving the server.
import { z } from 'zod';

const text = z.object({ zh: z.string(), en: z.string() });

export const tokenParams = z.strictObject({ token: z.string().trim().min(1, '签到码不能为空|The check-in code must not be empty').max(100, '签到码无效|This check-in code is not valid') });

export const codeOut = z.object({
  token: z.string(),
  url: z.string().describe('The check-in page address the QR code carries'),
  png: z.string().describe('The QR code as a data: URL'),
  svg: z.string(),
  opensAt: z.string().describe('Check-in opens one hour before the start'),
  closesAt: z.string().describe('and closes at the end'),
});

export const previewOut = z.object({
  title: z.string(),
  place: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  opensAt: z.string(),
  open: z.boolean().describe('Whether check-in is possible now'),
  reason: text.nullable().describe('Why check-in is not possible now'),
  invited: z.boolean(),
  checkedInAt: z.string().nullable(),
});

export const checkinOut = z.object({ title: z.string(), checkedInAt: z.string(), already: z.boolean().describe('The person had already checked in; counted once') });

export const statusOut = z.enum(['present', 'leave', 'absent', 'expected']);

export const totalsOut = z.object({
  invited: z.number(), present: z.number(), late: z.number(), leave: z.number(), absent: z.number(), expected: z.number(),
  headcount: z.number().describe('People checked in'),
});
