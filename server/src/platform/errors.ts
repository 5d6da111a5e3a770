// Typed errors and their problem+json shape (RFC 9457). Every message exists in Chinese and English.
export interface Text {
  zh: string;
  en: string;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
  message_en: string;
}

export interface Problem {
  type: string;
  status: number;
  code: string;
  title: string;
  title_en: string;
  detail?: string;
  detail_en?: string;
  errors?: FieldError[];
  traceId?: string;
  [extra: string]: unknown;
}

const titles: Record<string, [number, string, string]> = {
  validation_failed: [400, '请求参数有误', 'Invalid request'],
  invalid_json: [400, '请求内容不是有效的 JSON', 'The request body is not valid JSON'],
  invalid_utf8: [400, '请求内容不是有效的 UTF-8 文本', 'The request body is not valid UTF-8'],
  unauthenticated: [401, '请先登录', 'Please sign in'],
  invalid_credentials: [401, '用户名或密码错误', 'Wrong username or password'],
  session_expired: [401, '登录已过期，请重新登录', 'Your session has expired; please sign in again'],
  forbidden: [403, '无权进行此操作', 'You are not allowed to do this'],
  csrf_failed: [403, '请求校验失败，请刷新页面后重试', 'Request verification failed; reload the page and try again'],
  password_change_required: [403, '请先修改初始密码', 'Change your initial password first'],
  account_disabled: [403, '账号已停用', 'This account is disabled'],
  not_found: [404, '记录不存在', 'Not found'],
  route_not_found: [404, '接口不存在', 'No such route'],
  conflict: [409, '与现有数据冲突', 'Conflicts with existing data'],
  payload_too_large: [413, '请求内容过大', 'The request is too large'],
  uri_too_long: [414, '请求地址过长', 'The request address is too long'],
  unsupported_media_type: [415, '不支持的内容类型', 'Unsupported content type'],
  import_invalid: [422, '导入文件有错误，未导入任何数据', 'The file has errors; nothing was imported'],
  challenge_required: [428, '请先完成安全验证', 'Complete the security check first'],
  account_locked: [423, '账号已锁定，请15分钟后再试', 'The account is locked; try again in 15 minutes'],
  rate_limited: [429, '请求过于频繁，请稍后再试', 'Too many requests; try again later'],
  internal_error: [500, '服务器内部错误', 'Internal server error'],
  database_unavailable: [503, '数据库暂时无法连接，请稍后再试', 'The database is unavailable for the moment; try again shortly'],
  insufficient_storage: [507, '服务器存储空间不足', 'The server is out of storage space'],
};

export type ProblemCode = keyof typeof titles;

export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail?: Text,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail?.en ?? code);
  }
  get status(): number {
    return titles[this.code]![0];
  }
}

export const notFound = (what?: Text) => new AppError('not_found', what);
export const forbidden = (why?: Text) => new AppError('forbidden', why);
export const conflict = (why: Text) => new AppError('conflict', why);

/** A validation error on one field, raised by a rule that a schema cannot express. */
export function invalid(field: string, message: Text, code = 'invalid'): AppError {
  return new AppError('validation_failed', message, [{ field, code, message: message.zh, message_en: message.en }]);
}

export function problem(code: ProblemCode, opts: { detail?: Text; errors?: FieldError[]; traceId?: string; extra?: Record<string, unknown> } = {}): Problem {
  const [status, zh, en] = titles[code]!;
  return {
    type: `https://shangliang.org/problems/${code}`,
    status,
    code,
    title: zh,
    title_en: en,
    ...(opts.detail ? { detail: opts.detail.zh, detail_en: opts.detail.en } : {}),
    ...(opts.errors ? { errors: opts.errors } : {}),
    ...(opts.traceId ? { traceId: opts.traceId } : {}),
    ...opts.extra,
  };
}
