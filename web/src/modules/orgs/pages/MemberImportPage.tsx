import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Form, Select, Upload } from 'antd';
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
import { ImportRowsTable } from '../components/ImportRowsTable';
import { ImportSummary } from '../components/ImportSummary';
import { CredentialsNotice } from '../components/CredentialsNotice';
import { useTerms } from '../hooks';

function isImportResult(body: unknown): body is ImportResult {
  return !!body && typeof body === 'object' && Array.isArray((body as ImportResult).rows);
}

export default function MemberImportPage() {
  const t = useT('orgs');
  const ta = useT('app');
  const me = useMe();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [organizationId, setOrganizationId] = useState<number | undefined>(me.organization.id);
  const [termId, setTermId] = useState<number | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [accounts, setAccounts] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const terms = useTerms(organizationId);
  const termOptions = (terms.data ?? []).filter((x) => x.organizationId === organizationId);
  const chosenTerm = termId ?? termOptions.find((x) => x.current)?.id;

  const run = async (commit: boolean) => {
    if (!file || !organizationId || !chosenTerm) return;
    setBusy(commit ? 'commit' : 'preview');
    setError(null);
    try {
      const r = await orgsApi.importMembers(file, { organizationId, termId: chosenTerm, commit, skipInvalid, accounts }, setProgress);
      setResult(r);
      if (r.committed) void queryClient.invalidateQueries({ queryKey: ['orgs', 'members'] });
    } catch (e) {
      // A refused commit (422) answers with the same rows as the preview: show them.
      if (e instanceof ApiError && isImportResult(e.body)) setResult(e.body);
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const width = isPhone ? '100%' : 240;
  return (
    <>
      <PageHeader
        back={<Button icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => navigate('/orgs/members')} />}
        title={t('import.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={orgsApi.templateUrl}>
            {t('import.template')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Flex wrap gap={16}>
            <Form.Item label={ta('common.organization')} style={{ width }}>
              <OrganizationSelect value={organizationId} onChange={(v) => { setOrganizationId(v); setTermId(undefined); }} />
            </Form.Item>
            <Form.Item label={t('member.term')} style={{ width }}>
              <Select value={chosenTerm} onChange={setTermId} options={termOptions.map((x) => ({ value: x.id, label: x.name }))} placeholder={ta('common.choose')} />
            </Form.Item>
          </Flex>
          <Form.Item label={t('import.file')} extra={t('import.columns')}>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              data-testid="import-file"
              beforeUpload={(f) => {
                setFile(f);
                setResult(null);
                setError(null);
                return false; // keep the file here; it is sent with the preview request
              }}
              onRemove={() => {
                setFile(null);
                setResult(null);
              }}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p>{t('import.drop')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Flex wrap gap={12} align="center">
            <Button type="primary" disabled={!file || !chosenTerm} loading={busy === 'preview'} onClick={() => void run(false)}>
              {t('import.preview')}
            </Button>
            <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
              {t('import.skipInvalid')}
            </Checkbox>
            <Checkbox checked={accounts} onChange={(e) => setAccounts(e.target.checked)} data-testid="import-accounts">
              {t('import.accounts')}
            </Checkbox>
            <Button
              type="primary"
              danger={skipInvalid}
              disabled={!result || result.committed || (result.invalid > 0 && !skipInvalid)}
              loading={busy === 'commit'}
              onClick={() => void run(true)}
            >
              {t('import.commit')}
            </Button>
          </Flex>
        </Form>
      </Card>
      <ImportProgress job={busy ? progress : null} />
      <ErrorAlert error={error} />
      {result?.credentials && <CredentialsNotice credentials={result.credentials} />}
      {result && (
        <>
          <ImportSummary result={result} />
          <ImportRowsTable rows={result.rows} />
        </>
      )}
    </>
  );
}
