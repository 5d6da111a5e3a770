// The same policy the server enforces (等保 2.0): at least 8 characters from 3 of the 4 classes.
import type { FormRule } from 'antd';

const CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

export function meetsPasswordPolicy(password: string): boolean {
  return password.length >= 8 && CLASSES.filter((re) => re.test(password)).length >= 3;
}

/** A form rule that refuses a password the server would refuse, with the given message. */
export const policyRule = (message: string): FormRule => ({
  validator: async (_, v: string) => {
    if (v && !meetsPasswordPolicy(v)) throw new Error(message);
  },
});

/** A form rule for a confirmation field: it must repeat the field named. */
export const sameAsRule = (field: string, message: string): FormRule => ({ getFieldValue }) => ({
  validator: async (_, v: string) => {
    if (v && v !== getFieldValue(field)) throw new Error(message);
  },
});
