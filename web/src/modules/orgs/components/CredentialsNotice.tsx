import { useState } from 'react';
import { Alert, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ImportCredentials } from '../../../api/types';
import { formatTime } from '../../../shared/time';
import { useLocale, useT } from '../../../i18n/LocaleProvider';

/** The one download of the initial passwords an import created: gone from the server once taken. */
export function CredentialsNotice({ credentials, rule }: { credentials: ImportCredentials; rule?: string }) {
  const t = useT('orgs');
  const { lang } = useLocale();
  const [taken, setTaken] = useState(false);
  return (
    <Alert
      type={taken ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      title={t(taken ? 'credentials.taken' : 'credentials.ready', { n: credentials.accounts })}
      description={
        <>
          <p>{(rule ?? t('credentials.rule', { until: '{until}' })).replace('{until}', formatTime(credentials.expiresAt, lang))}</p>
          {!taken && (
            <Button type="primary" icon={<DownloadOutlined />} href={credentials.url} download onClick={() => setTaken(true)} data-testid="credentials-download">
              {t('credentials.download')}
            </Button>
          )}
        </>
      }
    />
  );
}
