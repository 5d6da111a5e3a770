import { Alert } from 'antd';
import type { ImportJob } from '../api/importJobs';
import { useT } from '../i18n/LocaleProvider';

/** Where an import has got to while the page waits for it: rows read and valid, then writing. */
export function ImportProgress({ job }: { job: ImportJob | null }) {
  const t = useT('app');
  if (!job || job.state === 'done' || job.state === 'failed') return null;
  const text = job.state === 'writing' ? t('import.writing', { valid: job.rowsValid }) : t('import.reading', { read: job.rowsRead, valid: job.rowsValid });
  return <Alert type="info" showIcon role="status" data-testid="import-progress" title={text} style={{ marginBottom: 16 }} />;
}
