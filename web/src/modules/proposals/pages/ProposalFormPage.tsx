import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, Radio, Row, Select, TreeSelect, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { applyFieldErrors } from '../../../api/errors';
import { orgsApi } from '../../../api/orgs';
import { proposalsApi, type DraftInput, type ProposalKind } from '../../../api/proposals';
import { PageSpinner } from '../../../app/PageSpinner';
import { useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { categoryOptions } from '../components/labels';
import { SimilarList } from '../components/SimilarList';

interface Values {
  kind: ProposalKind;
  title?: string;
  reasons?: string;
  suggestions?: string;
  categoryId?: number;
  sessionId?: number;
  unitIds?: number[];
  cosignerIds?: number[];
}
const FIELDS = ['kind', 'title', 'reasons', 'suggestions', 'categoryId', 'sessionId', 'unitIds', 'cosignerIds', 'attachmentIds'];

/** Waits until typing pauses before the similarity lookup runs. */
function useDebounced<V>(value: V, ms: number): V {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** Writing a proposal: a new draft or an existing one; save it, or file it to the session. */
export default function ProposalFormPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const t = useT('proposals');
  const ta = useT('app');
  const { lang } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [memberQ, setMemberQ] = useState('');
  const [known, setKnown] = useState<Map<number, string>>(new Map());
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'file' | null>(null);
  const config = useQuery({ queryKey: ['proposals', 'config'], queryFn: () => proposalsApi.config(), staleTime: 60_000 });
  const draft = useQuery({ queryKey: ['proposals', 'detail', id], queryFn: () => proposalsApi.get(id!), enabled: id !== null });
  const members = useQuery({ queryKey: ['orgs', 'members', 'pick', memberQ], queryFn: () => orgsApi.lookupMembers(memberQ || undefined), staleTime: 30_000, retry: false });
  const kind = Form.useWatch('kind', form);
  const title = Form.useWatch('title', form) ?? '';
  const reasons = Form.useWatch('reasons', form) ?? '';
  const suggestions = Form.useWatch('suggestions', form) ?? '';
  const text = useDebounced({ title, reasons, suggestions }, 600);
  const hasText = (text.title + text.reasons + text.suggestions).trim().length >= 4;
  const similar = useQuery({
    queryKey: ['proposals', 'similar-draft', text, id],
    queryFn: () => proposalsApi.similar({ ...text, excludeId: id ?? undefined }),
    enabled: hasText,
    staleTime: 60_000,
  });

  useEffect(() => {
    const p = draft.data;
    if (!p) return;
    form.setFieldsValue({
      kind: p.kind,
      title: p.title,
      reasons: p.reasons,
      suggestions: p.suggestions,
      categoryId: p.categoryId ?? undefined,
      sessionId: p.sessionId ?? undefined,
      unitIds: p.suggestedUnits.map((u) => u.id),
      cosignerIds: p.cosigners.map((c) => c.memberId),
    });
    setKnown(new Map(p.cosigners.map((c) => [c.memberId, c.name])));
    setFiles(p.files.map((f) => ({ uid: f.id, name: f.name, status: 'done', response: f })));
  }, [draft.data, form]);

  if (id !== null && draft.isLoading) return <PageSpinner />;
  if (id !== null && !draft.data) return <ErrorAlert error={draft.error} />;
  const cfg = config.data;
  const collective = cfg?.filing.collective ?? null;
  const kinds: ProposalKind[] = collective ? ['collective'] : ['individual', 'joint'];
  const current = cfg?.sessions.find((s) => s.current);

  const memberOptions = new Map(known);
  for (const m of members.data?.items ?? []) if (m.id !== me.memberId) memberOptions.set(m.id, `${m.name}（${m.sectorName}）`);

  const save = async (file: boolean) => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(file ? 'file' : 'save');
    setErrors([]);
    try {
      const body: DraftInput = {
        kind: v.kind,
        title: v.title,
        reasons: v.reasons,
        suggestions: v.suggestions,
        categoryId: v.categoryId ?? null,
        sessionId: v.sessionId ?? null,
        unitIds: v.unitIds ?? [],
        cosignerIds: v.kind === 'joint' ? (v.cosignerIds ?? []) : [],
        attachmentIds: files.map((f) => (f.response as { id?: string } | undefined)?.id).filter((x): x is string => !!x),
      };
      let p = id === null ? await proposalsApi.create(body) : await proposalsApi.update(id, body);
      if (file) p = await proposalsApi.file(p.id, v.sessionId);
      void queryClient.invalidateQueries({ queryKey: ['proposals'] });
      void message.success(t(file ? 'form.filed' : 'form.saved'));
      void navigate(file ? `/proposals/${p.id}` : `/proposals/${p.id}/edit`, { replace: true });
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS));
    } finally {
      setBusy(null);
    }
  };

  const required = [{ required: true, whitespace: true, message: ta('common.required') }];
  return (
    <>
      <PageHeader title={id === null ? t('form.newTitle') : t('form.editTitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card style={{ marginBottom: 16 }}>
            <ErrorAlert error={config.error} messages={errors} />
            <Form form={form} layout="vertical" initialValues={{ kind: kinds[0] }} data-testid="proposal-form">
              <Form.Item name="kind" label={t('field.kind')}>
                <Radio.Group optionType="button" options={kinds.map((k) => ({ value: k, label: k === 'collective' && collective ? t('form.collectiveAs', { name: collective.name }) : t(`kind.${k}`) }))} />
              </Form.Item>
              <Form.Item name="title" label={t('field.title')} rules={required}>
                <Input maxLength={100} showCount />
              </Form.Item>
              <Form.Item name="reasons" label={t('field.reasons')} rules={required} extra={t('form.reasonsHelp')}>
                <Input.TextArea rows={8} maxLength={5000} showCount />
              </Form.Item>
              <Form.Item name="suggestions" label={t('field.suggestions')} rules={required} extra={t('form.suggestionsHelp')}>
                <Input.TextArea rows={8} maxLength={10000} showCount />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="categoryId" label={t('field.category')}>
                    <TreeSelect allowClear treeDefaultExpandAll treeData={categoryOptions(cfg?.categories ?? [])} showSearch={{ treeNodeFilterProp: 'title' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="sessionId" label={t('field.session')} extra={current ? t('form.sessionDefault', { session: current.label }) : undefined}>
                    <Select allowClear options={(cfg?.sessions ?? []).map((s) => ({ value: s.id, label: s.label }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="unitIds" label={t('field.suggestedUnits')}>
                <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={(cfg?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
              {kind === 'joint' && (
                <Form.Item name="cosignerIds" label={t('field.cosigners')} extra={t('form.cosignersHelp')} rules={[{ required: true, message: t('form.cosignersRequired') }]}>
                  <Select
                    mode="multiple"
                    data-testid="cosigner-select"
                    showSearch={{ filterOption: false, onSearch: setMemberQ }}
                    loading={members.isFetching}
                    onChange={(ids: number[]) => setKnown(new Map(ids.map((x) => [x, memberOptions.get(x) ?? String(x)])))}
                    options={[...memberOptions].map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
              )}
              <Form.Item label={t('field.attachments')}>
                <Upload
                  fileList={files}
                  onChange={({ fileList }) => setFiles(fileList)}
                  customRequest={({ file, onSuccess, onError }) => {
                    proposalsApi.upload(file as File).then((saved) => onSuccess?.(saved), (e: Error) => onError?.(e));
                  }}
                >
                  <Button icon={<UploadOutlined />}>{t('form.upload')}</Button>
                </Upload>
              </Form.Item>
              <Flex wrap gap={8}>
                <Button onClick={() => void save(false)} loading={busy === 'save'} disabled={busy !== null}>
                  {t('form.saveDraft')}
                </Button>
                <Button type="primary" onClick={() => void save(true)} loading={busy === 'file'} disabled={busy !== null}>
                  {t('form.file')}
                </Button>
              </Flex>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <SimilarList items={hasText ? similar.data : undefined} loading={similar.isFetching} />
        </Col>
      </Row>
    </>
  );
}
