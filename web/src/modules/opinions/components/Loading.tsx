import { useT } from '../../../i18n/LocaleProvider';

/** Said while a resident's page waits for its data (words, not antd's Spin: less to download). */
export function Loading() {
  const ta = useT('app');
  return (
    <div role="status" style={{ padding: 48, textAlign: 'center', color: 'rgba(0, 0, 0, 0.45)' }}>
      {ta('common.loading')}
    </div>
  );
}
