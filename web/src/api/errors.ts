import type { FormInstance } from 'antd';
import { ApiError } from './client';
import { pickLang, type Lang } from '../i18n/LocaleProvider';

/** The headline of a failed request in the reader's language: title, and detail when it adds something. */
export function problemMessage(error: unknown, lang: Lang): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const p = error.problem;
  const title = pickLang(lang, p.title, p.title_en);
  const detail = pickLang(lang, p.detail, p.detail_en);
  return detail && detail !== title ? `${title}${lang === 'en' ? ': ' : '：'}${detail}` : title;
}

/** "body.workplace" → "workplace"; "body.committeeIds.0" → "committeeIds". */
export function formFieldOf(field: string): string | null {
  const parts = field.split('.');
  if (parts[0] !== 'body' || parts.length < 2) return null;
  return parts[1] ?? null;
}

/**
 * The server's field errors by the form field they name (of `fields`), and the messages that
 * matched no field, for a general alert (headed by the problem's own message).
 */
export function fieldErrors(error: unknown, lang: Lang, fields: readonly string[]): { byField: Map<string, string[]>; rest: string[] } {
  const byField = new Map<string, string[]>();
  if (!(error instanceof ApiError)) return { byField, rest: [problemMessage(error, lang)] };
  const known = new Set(fields);
  const rest: string[] = [];
  for (const e of error.problem.errors ?? []) {
    const name = formFieldOf(e.field);
    const text = pickLang(lang, e.message, e.message_en);
    if (name && known.has(name)) byField.set(name, [...(byField.get(name) ?? []), text]);
    else rest.push(text);
  }
  if (byField.size === 0 || rest.length > 0) rest.unshift(problemMessage(error, lang));
  return { byField, rest };
}

/**
 * Puts the server's field errors on the form fields they name.
 * Returns the messages that matched no field, for a general alert.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, lang: Lang, fields: readonly string[]): string[] {
  const { byField, rest } = fieldErrors(error, lang, fields);
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}
