import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Form, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import { orgsApi } from '../../../api/orgs';
import type { ImportResult } from '../../../api/types';
import { useMe } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import type { ImportJob } from '../../../api/importJobs';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ImportProgress } from '../../../shared/ImportProgress';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { useIsPhone } from '../../../shared/useIsPhone';
import { CredentialsNotice } from '../components/CredentialsNotice';
import { ImportRowsTable } from '../components/ImportRowsTable';
import { ImportSummary } from '../components/ImportSummary';

const isImportResult = (body: unknown): body is ImportResult => !!body && typeof body === 'object' && Array.isArray((body as ImportResult).rows);

/** Handling units from an .xlsx: new units are created, and with the option each gets an account. */
export default function UnitImportPage() {
  const t = useT('orgs');
  const ta = useT('app');
  const me = useMe();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [organizationId, setOrganizationId] = useState<number | undefined>(me.organization.id);
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [accounts, setAccounts] = useState(true);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);

  const run = async (commit: boolean) => {
    if (!file || !organizationId) return;
    setBusy(commit ? 'commit' : 'preview');
    setError(null);
    try {
      const r = await orgsApi.importUnits(file, { organizationId, commit, skipInvalid, accounts }, setProgress);
      setResult(r);
      if (r.committed) void queryClient.invalidateQueries({ queryKey: ['orgs'] });
    } catch (e) {
      if (e instanceof ApiError && isImportResult(e.body)) setResult(e.body);
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const reset = () => {
    setResult(null);
    setError(null);
  };

  return (
    <>
      <PageHeader
        back={<Button icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => navigate('/orgs/catalogs')} />}
        title={t('unitImport.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={orgsApi.unitTemplateUrl}>
            {t('import.template')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Form.Item label={ta('common.organization')} style={{ width: isPhone ? '100%' : 240 }}>
            <OrganizationSelect value={organizationId} onChange={(v) => { setOrganizationId(v); reset(); }} />
          </Form.Item>
          <Form.Item label={t('import.file')} extra={t('unitImport.columns')}>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                reset();
                return false;
              }}
              onRemove={() => {
                setFile(null);
                reset();
              }}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p>{t('import.drop')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Flex wrap gap={12} align="center">
            <Checkbox checked={accounts} onChange={(e) => { setAccounts(e.target.checked); reset(); }}>
              {t('unitImport.accounts')}
            </Checkbox>
            <Button type="primary" disabled={!file} loading={busy === 'preview'} onClick={() => void run(false)}>
              {t('import.preview')}
            </Button>
            <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
              {t('import.skipInvalid')}
            </Checkbox>
            <Button type="primary" danger={skipInvalid} disabled={!result || result.committed || (result.invalid > 0 && !skipInvalid)} loading={busy === 'commit'} onClick={() => void run(true)}>
              {t('import.commit')}
            </Button>
          </Flex>
        </Form>
      </Card>
      <ImportProgress job={busy ? progress : null} />
      <ErrorAlert error={error} />
      {result?.credentials && <CredentialsNotice credentials={result.credentials} rule={t('credentials.unitRule', { until: '{until}' })} />}
      {result && (
        <>
          <ImportSummary result={result} label={t('unitImport.imported', { n: result.imported })} />
          <ImportRowsTable rows={result.rows} />
        </>
      )}
    </>
  );
}
