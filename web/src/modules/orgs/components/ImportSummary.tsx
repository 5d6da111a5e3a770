import { Alert, Result } from 'antd';
import type { ImportResult } from '../../../api/types';
import { useT } from '../../../i18n/LocaleProvider';

export function ImportSummary({ result, label }: { result: ImportResult; label?: string }) {
  const t = useT('orgs');
  if (result.committed) {
    return <Result status="success" title={label ?? t('import.imported', { n: result.imported })} subTitle={t('import.counts', { total: result.total, valid: result.valid, invalid: result.invalid })} />;
  }
  return (
    <Alert
      style={{ marginBottom: 16 }}
      type={result.invalid > 0 ? 'warning' : 'info'}
      showIcon
      title={t('import.previewTitle')}
      description={t('import.counts', { total: result.total, valid: result.valid, invalid: result.invalid })}
    />
  );
}
