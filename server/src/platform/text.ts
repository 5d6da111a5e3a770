// Characters that no database or XML document can hold: NUL (PostgreSQL refuses it in text), the
// other C0 controls except tab, line feed and carriage return (XML 1.0 forbids them), lone
// surrogate halves (not Unicode text at all; PostgreSQL refuses them as UTF-8) and the
// noncharacters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane (XML forbids U+FFFE/U+FFFF).
// Input carrying one is refused at the edge (platform/http.ts); every export writes text through
// `xmlSafe`, so a value stored before this rule, or read from an import, still gives a valid file.
import { AppError, type FieldError } from './errors.js';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ILLEGAL = /[\0-\x08\x0B\x0C\x0E-\x1F\p{Cs}\p{Noncharacter_Code_Point}]/u;
const ILLEGAL_ALL = new RegExp(ILLEGAL.source, 'gu');

/** The first character of `text` that cannot be stored, as U+XXXX; null when there is none. */
export function illegalCharacter(text: string): string | null {
  const m = ILLEGAL.exec(text);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** The text with every character that XML (and the databases) cannot hold removed. */
export function xmlSafe(text: string): string {
  return ILLEGAL.test(text) ? text.replace(ILLEGAL_ALL, '') : text;
}

/** The field error for a value holding such a character, in both languages. */
export function illegalTextError(field: string, char: string): FieldError {
  return {
    field,
    code: 'invalid_character',
    message: `含有无法保存的字符（${char}），请删除后重试`,
    message_en: `Contains a character that cannot be stored (${char}); remove it and try again`,
  };
}

/**
 * Every string (and object key) of a decoded request part that holds such a character, as field
 * errors named from `part` (body.title, querystring.q, params.id, body.items.0.text). Walked without
 * recursion: a JSON body may nest deeper than the stack.
 */
export function illegalTextErrors(value: unknown, part: string): FieldError[] {
  const errors: FieldError[] = [];
  const stack: [unknown, string][] = [[value, part]];
  while (stack.length > 0 && errors.length < 20) {
    const [v, field] = stack.pop()!;
    if (typeof v === 'string') {
      const char = illegalCharacter(v);
      if (char) errors.push(illegalTextError(field, char));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${field}.${i}`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const char = illegalCharacter(key);
        if (char) errors.push(illegalTextError(`${field}.${xmlSafe(key)}`, char));
        else stack.push([(v as Record<string, unknown>)[key], `${field}.${key}`]);
      }
    }
  }
  return errors;
}

/** Throws the 400 naming every such field of a request part (the pipeline's rule, for fields a route reads itself). */
export function refuseIllegalText(value: unknown, part: string): void {
  const errors = illegalTextErrors(value, part);
  if (errors.length) throw new AppError('validation_failed', undefined, errors);
}
