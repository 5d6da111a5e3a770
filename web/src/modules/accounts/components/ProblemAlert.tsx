import { Alert } from 'antd';
import { ApiError } from '../../../api/client';
import { pickLang, useLocale } from '../../../i18n/LocaleProvider';

/** A server refusal as the server worded it: title in bold, detail below (e.g. until when a lock lasts). */
export function ProblemAlert({ error }: { error: unknown }) {
  const { lang } = useLocale();
  if (!error) return null;
  if (!(error instanceof ApiError)) return <Alert type="error" showIcon role="alert" title={String(error)} style={{ marginBottom: 16 }} />;
  const p = error.problem;
  const title = pickLang(lang, p.title, p.title_en);
  const detail = pickLang(lang, p.detail, p.detail_en);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="auth-error"
      style={{ marginBottom: 16 }}
      title={title}
      description={detail && detail !== title ? detail : undefined}
    />
  );
}
