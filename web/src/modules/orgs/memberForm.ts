import type { Member, MemberInput } from '../../api/types';

export const MEMBER_FIELDS = [
  'organizationId',
  'termId',
  'name',
  'gender',
  'birthYear',
  'ethnicity',
  'politicalAffiliation',
  'sectorId',
  'committeeIds',
  'workplace',
  'title',
  'phone',
  'standing',
] as const satisfies readonly (keyof MemberInput)[];

export type MemberFormValues = Omit<MemberInput, 'phone'> & { phone?: string };

export function toFormValues(m: Member): MemberFormValues {
  const values: Partial<MemberFormValues> = {};
  for (const f of MEMBER_FIELDS) (values as Record<string, unknown>)[f] = m[f] ?? undefined;
  return values as MemberFormValues;
}

export function toInput(values: MemberFormValues): MemberInput {
  return { ...values, title: values.title ?? '', phone: values.phone?.trim() ? values.phone.trim() : null };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Only the fields the user changed go into the PATCH. Besides keeping the audit entry to the
 * point, this keeps a masked phone ("138****5678") from being sent back as if it were typed.
 */
export function changedFields(original: Member, values: MemberFormValues): Partial<MemberInput> {
  const input = toInput(values);
  const patch: Record<string, unknown> = {};
  for (const f of MEMBER_FIELDS) {
    if (f === 'organizationId') continue;
    const before = f === 'committeeIds' ? [...original.committeeIds].sort() : original[f];
    const after = f === 'committeeIds' ? [...input.committeeIds].sort() : input[f];
    if (!same(before, after)) patch[f] = input[f];
  }
  return patch as Partial<MemberInput>;
}
