import { Alert } from 'antd';
import { problemMessage } from '../api/errors';
import { useLocale } from '../i18n/LocaleProvider';

/** A failed request and/or messages that found no form field to sit on. */
export function ErrorAlert({ error, messages }: { error?: unknown; messages?: string[] }) {
  const { lang } = useLocale();
  const lines = [...(error ? [problemMessage(error, lang)] : []), ...(messages ?? [])];
  if (lines.length === 0) return null;
  const [first, ...rest] = lines;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={first}
      description={rest.length ? rest.map((line, i) => <div key={i}>{line}</div>) : undefined}
    />
  );
}
