// Turns schema issues into field errors in Chinese and English. One place, so every route's
// validation errors read the same.
import type { z } from 'zod';
import type { FieldError } from './errors.js';

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): [string, string] {
  // A schema's own message carries both languages as "中文|English"; zod's own messages may
  // contain '|' too (one of "a"|"b"), but never Chinese before it.
  if (/^[^|]*\p{Script=Han}[^|]*\|/u.test(issue.message)) return splitMessage(issue.message);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return ['必填', 'Required'];
      return [`类型错误，应为 ${issue.expected}`, `Expected ${issue.expected}`];
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? ['不能为空', 'Must not be empty'] : [`至少 ${issue.minimum} 个字符`, `At least ${issue.minimum} characters`];
      if (issue.origin === 'array') return [`至少 ${issue.minimum} 项`, `At least ${issue.minimum} items`];
      return [`不能小于 ${issue.minimum}`, `Must be at least ${issue.minimum}`];
    case 'too_big':
      if (issue.origin === 'string') return [`不能超过 ${issue.maximum} 个字符`, `At most ${issue.maximum} characters`];
      if (issue.origin === 'array') return [`不能超过 ${issue.maximum} 项`, `At most ${issue.maximum} items`];
      return [`不能大于 ${issue.maximum}`, `Must be at most ${issue.maximum}`];
    case 'invalid_format':
      return [`格式不正确（${issue.format}）`, `Invalid format (${issue.format})`];
    case 'invalid_value':
      return [`取值无效，可选：${issue.values.join('、')}`, `Invalid value; allowed: ${issue.values.join(', ')}`];
    case 'unrecognized_keys':
      return [`不允许的字段：${issue.keys.join('、')}`, `Unknown fields: ${issue.keys.join(', ')}`];
    default:
      return ['取值无效', 'Invalid value'];
  }
}

function splitMessage(message: string): [string, string] {
  const at = message.indexOf('|');
  return at < 0 ? [message, message] : [message.slice(0, at), message.slice(at + 1)];
}

export function fieldErrors(issues: readonly Issue[], part: string): FieldError[] {
  return issues.map((issue) => {
    const [zh, en] = describe(issue);
    const keys = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
    return { field: [part, ...keys.map(String)].join('.'), code: issue.code, message: zh, message_en: en };
  });
}
