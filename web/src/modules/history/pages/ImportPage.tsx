import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Flex, Form, List, Tag, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import { HISTORY_KINDS, historyApi, type HistoryKind, type HistoryReport } from '../../../api/history';
import { useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import type { ImportJob } from '../../../api/importJobs';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ImportProgress } from '../../../shared/ImportProgress';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { NotFound } from '../../../app/NotFound';

const isReport = (body: unknown): body is HistoryReport => !!body && typeof body === 'object' && Array.isArray((body as HistoryReport).rows);
const COLORS = { new: 'green', warning: 'orange', error: 'red' } as const;

export default function ImportPage() {
  const { kind } = useParams();
  if (!HISTORY_KINDS.includes(kind as HistoryKind)) return <NotFound />;
  // A new page per kind: nothing of one kind's file or report carries over to another.
  return <KindImport key={kind} kind={kind as HistoryKind} />;
}

function KindImport({ kind }: { kind: HistoryKind }) {
  const t = useT('history');
  const ta = useT('app');
  const { lang } = useLocale();
  const me = useMe();
  const [organizationId, setOrganizationId] = useState<number | undefined>(me.organization.id);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<HistoryReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);

  const run = async (commit: boolean) => {
    if (!file || !organizationId) return;
    setBusy(commit ? 'commit' : 'preview');
    setError(null);
    try {
      setReport(await historyApi.import(kind, file, { organizationId, commit }, setProgress));
    } catch (e) {
      // A refused commit answers with the rows of the preview: show them.
      if (e instanceof ApiError && isReport(e.body)) setReport(e.body);
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader title={t(`import.title.${kind}`)} extra={<Button icon={<DownloadOutlined />} href={historyApi.templateUrl(kind)}>{t('import.template')}</Button>} />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Form.Item label={ta('common.organization')} style={{ maxWidth: 320 }}>
            <OrganizationSelect value={organizationId} onChange={(v) => { setOrganizationId(v); setReport(null); }} />
          </Form.Item>
          <Form.Item label={t('import.file')}>
            <Upload.Dragger
              accept=".xlsx"
              maxCount={1}
              data-testid="history-file"
              beforeUpload={(f) => { setFile(f); setReport(null); setError(null); return false; }}
              onRemove={() => { setFile(null); setReport(null); }}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p>{t('import.drop')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Flex wrap gap={12}>
            <Button type="primary" disabled={!file} loading={busy === 'preview'} onClick={() => void run(false)}>{t('import.preview')}</Button>
            <Button type="primary" disabled={!report || report.committed || report.errors > 0} loading={busy === 'commit'} onClick={() => void run(true)}>{t('import.commit')}</Button>
          </Flex>
        </Form>
      </Card>
      <ImportProgress job={busy ? progress : null} />
      <ErrorAlert error={error} />
      {report && (
        <>
          <Alert style={{ marginBottom: 16 }} type={report.committed ? 'success' : report.errors ? 'warning' : 'info'}
            title={report.committed ? t(`import.committed.${kind}`, { total: report.total }) : t('import.summary', { total: report.total, errors: report.errors })} />
          <List
            bordered
            dataSource={report.rows}
            renderItem={(r) => (
              <List.Item data-testid={`history-row-${r.row}`}>
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <Flex wrap gap={8} align="center">
                    <Tag color={COLORS[r.state]}>{t(`import.state.${r.state}`)}</Tag>
                    <span>{t('import.row', { row: r.row })}</span>
                    <span style={{ overflowWrap: 'anywhere' }}>{r.title}</span>
                  </Flex>
                  {r.errors.map((e, i) => (
                    <span key={i} style={{ color: '#cf1322', overflowWrap: 'anywhere' }}>{e.column}：{lang === 'en' ? e.message_en : e.message}</span>
                  ))}
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
    </>
  );
}
