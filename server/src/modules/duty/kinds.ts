// The duty kinds of the duty module itself: acts no other module sees, entered by the office.
import type { DutyDeclaration, DutyKind } from '../../platform/duty.js';

export const ENTRY_SOURCE = 'duty_entry';

export const entryKinds: DutyKind[] = [
  { code: 'offline_research', zh: '调研视察', en: 'Research or inspection trip', points: 3 },
  { code: 'offline_training', zh: '学习培训', en: 'Training', points: 2 },
  { code: 'offline_reception', zh: '接待群众', en: 'Receiving residents', points: 2 },
  { code: 'offline_other', zh: '其他履职活动', en: 'Other duty activity', points: 1 },
];

/** Entries are typed by the office, so there is nothing to derive: a rebuild leaves them as they are. */
export const dutyEntries: DutyDeclaration = { sourceType: ENTRY_SOURCE, kinds: entryKinds, derive: async () => [] };

/** Every kind of every module, by code. */
export const kindMap = (decls: DutyDeclaration[]) => new Map(decls.flatMap((d) => d.kinds).map((k) => [k.code, k]));
export const allKinds = (decls: DutyDeclaration[]) => decls.flatMap((d) => d.kinds);
