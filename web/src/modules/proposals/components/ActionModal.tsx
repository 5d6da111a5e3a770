import { useState } from 'react';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { applyFieldErrors } from '../../../api/errors';
import { CONTACT_WAYS, EVALUATION_RESULTS, REPLY_CLASSES, proposalsApi, type AssignUnit, type Proposal, type ProposalConfig } from '../../../api/proposals';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { FileField, uploadedId, type Picked } from './FileField';
import { today } from './labels';

/** The steps that ask for details; accept, sign and the like are one click. */
export type FormAction = 'reject' | 'merge' | 'convert' | 'assign' | 'another_round' | 'request_reassign' | 'reassign' | 'contact' | 'send_opinion' | 'reply' | 'evaluate';

export const OPINION_CATEGORIES = ['livelihood', 'economy', 'environment', 'education', 'health', 'elderly', 'transport', 'governance', 'other'] as const;

type Values = Record<string, unknown>;

const FIELDS: Record<FormAction, string[]> = {
  reject: ['reasonId', 'text'],
  merge: ['sourceIds'],
  convert: ['category'],
  assign: ['units', 'mode', 'lead', 'assisting', 'separate', 'deadline'],
  another_round: ['deadline'],
  request_reassign: ['reason'],
  reassign: ['unitId', 'deadline'],
  contact: ['contactedOn', 'way', 'summary'],
  send_opinion: ['text', 'fileId'],
  reply: ['class', 'classReason', 'letterText', 'letterFileId'],
  evaluate: ['result', 'comment'],
};

const str = (v: unknown) => String(v ?? '').trim();
const opt = (v: unknown) => str(v) || undefined;

function assignUnits(v: Values): AssignUnit[] {
  const deadline = opt(v.deadline);
  if (v.mode === 'separate') return ((v.separate as number[] | undefined) ?? []).map((unitId) => ({ unitId, role: 'separate', deadline }));
  const lead = v.lead as number | undefined;
  return [
    ...(lead ? [{ unitId: lead, role: 'lead' as const, deadline }] : []),
    ...((v.assisting as number[] | undefined) ?? []).filter((u) => u !== lead).map((unitId) => ({ unitId, role: 'assisting' as const, deadline })),
  ];
}

function send(p: Proposal, action: FormAction, assignmentId: number | null, v: Values, file: Picked[]): Promise<Proposal> {
  const a = assignmentId ?? 0;
  switch (action) {
    case 'reject':
      return proposalsApi.reject(p.id, { reasonId: Number(v.reasonId), text: str(v.text) });
    case 'merge':
      return proposalsApi.merge(p.id, (v.sourceIds as number[] | undefined) ?? []);
    case 'convert':
      return proposalsApi.convert(p.id, str(v.category));
    case 'assign':
      return proposalsApi.assign(p.id, assignUnits(v));
    case 'another_round':
      return proposalsApi.anotherRound(p.id, opt(v.deadline));
    case 'request_reassign':
      return proposalsApi.requestReassign(p.id, a, str(v.reason));
    case 'reassign':
      return proposalsApi.reassign(p.id, a, { unitId: Number(v.unitId), deadline: opt(v.deadline) });
    case 'contact':
      return proposalsApi.contact(p.id, a, { contactedOn: str(v.contactedOn), way: v.way as never, summary: str(v.summary) });
    case 'send_opinion':
      return proposalsApi.sendOpinion(p.id, a, { text: str(v.text), fileId: uploadedId(file) });
    case 'reply':
      return proposalsApi.reply(p.id, a, { class: v.class as never, classReason: opt(v.classReason), letterText: str(v.letterText), letterFileId: uploadedId(file) });
    case 'evaluate':
      return proposalsApi.evaluate(p.id, a, { result: v.result as never, comment: opt(v.comment) });
  }
}

interface Props {
  proposal: Proposal;
  action: FormAction;
  assignmentId: number | null;
  config: ProposalConfig | undefined;
  /** Proposals the office may merge into this one (the review queue). */
  mergeCandidates: { id: number; title: string }[];
  onDone: (p: Proposal) => void;
  onClose: () => void;
}

/** One modal for every step that asks for details; its fields follow the API's body. */
export function ActionModal({ proposal, action, assignmentId, config, mergeCandidates, onDone, onClose }: Props) {
  const t = useT('proposals');
  const ta = useT('app');
  const { lang } = useLocale();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [file, setFile] = useState<Picked[]>([]);
  const { modal } = App.useApp();
  const mode = Form.useWatch('mode', form) as string | undefined;
  const replyClass = Form.useWatch('class', form) as string | undefined;
  const has = (f: string) => FIELDS[action].includes(f);
  const required = [{ required: true, message: ta('common.required') }];
  const text = [{ required: true, whitespace: true, message: ta('common.required') }];
  const units = (config?.units ?? []).map((u) => ({ value: u.id, label: u.name }));
  const assignment = proposal.assignments.find((x) => x.id === assignmentId);
  const title = assignment ? `${t(`action.${action}`)} · ${assignment.unitName}` : t(`action.${action}`);

  const unitName = (id: unknown) => units.find((u) => u.value === id)?.label ?? '';
  // Steps that cannot be taken back say what will happen, with the chosen values, before they are sent.
  const confirmText = (v: Values): string | null => {
    switch (action) {
      case 'assign':
        return t('confirm.assign', {
          units: assignUnits(v)
            .map((a) => `${t(`role.${a.role}`)} ${unitName(a.unitId)}`)
            .join('；'),
        });
      case 'merge':
        return t('confirm.merge', { n: ((v.sourceIds as number[] | undefined) ?? []).length });
      case 'convert':
        return t('confirm.convert', { category: t(`opinionCategory.${str(v.category) as (typeof OPINION_CATEGORIES)[number]}`) });
      case 'reply':
        return t('confirm.reply', { class: t(`class.${v.class as 'A' | 'B' | 'C'}`), unit: assignment?.unitName ?? '' });
      case 'evaluate':
        return t('confirm.evaluate', { result: t(`result.${v.result as (typeof EVALUATION_RESULTS)[number]}`), unit: assignment?.unitName ?? '' });
      default:
        return null;
    }
  };
  const finish = (values: Values) => {
    const text = confirmText(values);
    if (!text) return void submit(values);
    void modal.confirm({ title: title, content: <span data-testid="action-confirm">{text}</span>, okText: t('confirm.ok'), cancelText: t('action.cancel'), onOk: () => submit(values) });
  };

  const submit = async (values: Values) => {
    setBusy(true);
    setErrors([]);
    try {
      onDone(await send(proposal, action, assignmentId, values, file));
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS[action]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={title} okText={t('action.submit')} cancelText={t('action.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={640}>
      <ErrorAlert messages={errors} />
      <Form form={form} layout="vertical" onFinish={finish} initialValues={{ mode: 'lead', contactedOn: today() }}>
        {has('reasonId') && (
          <Form.Item name="reasonId" label={t('form.rejectReason')} rules={required}>
            <Select options={(config?.rejectReasons ?? []).filter((r) => r.active).map((r) => ({ value: r.id, label: r.text }))} />
          </Form.Item>
        )}
        {action === 'reject' && (
          <Form.Item name="text" label={t('form.rejectText')} rules={text}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        )}
        {has('sourceIds') && (
          <Form.Item name="sourceIds" label={t('form.mergeSources')} extra={t('form.mergeHelp')} rules={required}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={mergeCandidates.filter((c) => c.id !== proposal.id).map((c) => ({ value: c.id, label: `#${c.id} ${c.title}` }))} />
          </Form.Item>
        )}
        {has('category') && (
          <Form.Item name="category" label={t('form.opinionCategory')} extra={t('form.convertHelp')} rules={[{ required: true, message: t('form.chooseCategory') }]}>
            <Select placeholder={t('form.chooseCategory')} options={OPINION_CATEGORIES.map((c) => ({ value: c, label: t(`opinionCategory.${c}`) }))} />
          </Form.Item>
        )}
        {has('mode') && (
          <>
            <Form.Item name="mode" label={t('form.assignMode')}>
              <Radio.Group options={[{ value: 'lead', label: t('form.modeLead') }, { value: 'separate', label: t('form.modeSeparate') }]} />
            </Form.Item>
            {mode === 'separate' ? (
              <Form.Item name="separate" label={t('role.separate')} rules={required}>
                <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={units} />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="lead" label={t('role.lead')} rules={required}>
                  <Select showSearch={{ optionFilterProp: 'label' }} options={units} />
                </Form.Item>
                <Form.Item name="assisting" label={t('role.assisting')}>
                  <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={units} />
                </Form.Item>
              </>
            )}
            {proposal.suggestedUnits.length > 0 && <div style={{ marginTop: -8, marginBottom: 12, color: 'rgba(0,0,0,0.45)' }}>{t('form.suggestedWere', { units: proposal.suggestedUnits.map((u) => u.name).join('、') })}</div>}
          </>
        )}
        {has('unitId') && (
          <Form.Item name="unitId" label={t('form.newUnit')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={units.filter((u) => u.value !== assignment?.unitId)} />
          </Form.Item>
        )}
        {has('deadline') && (
          <Form.Item name="deadline" label={t('field.deadline')} extra={t('form.deadlineHelp', { months: config?.deadlineMonths ?? 3 })}>
            <Input type="date" min={today()} />
          </Form.Item>
        )}
        {has('reason') && (
          <Form.Item name="reason" label={t('form.reassignReason')} rules={text}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        )}
        {has('contactedOn') && (
          <>
            <Form.Item name="contactedOn" label={t('form.contactedOn')} rules={required}>
              <Input type="date" max={today()} />
            </Form.Item>
            <Form.Item name="way" label={t('form.contactWay')} rules={[{ required: true, message: t('form.chooseWay') }]}>
              <Select placeholder={t('form.chooseWay')} options={CONTACT_WAYS.map((w) => ({ value: w, label: t(`way.${w}`) }))} />
            </Form.Item>
            <Form.Item name="summary" label={t('form.contactSummary')} rules={text}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </>
        )}
        {action === 'send_opinion' && (
          <>
            <Form.Item name="text" label={t('form.assistText')} rules={text}>
              <Input.TextArea rows={5} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item label={t('field.attachment')}>
              <FileField value={file} onChange={setFile} />
            </Form.Item>
          </>
        )}
        {has('class') && (
          <>
            <Form.Item name="class" label={t('form.replyClass')} rules={[{ required: true, message: t('form.chooseClass') }]}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={REPLY_CLASSES.map((c) => ({ value: c, label: t(`class.${c}`) }))} />
            </Form.Item>
            {replyClass === 'C' && (
              <Form.Item name="classReason" label={t('form.classReason')} rules={text}>
                <Input.TextArea rows={2} maxLength={1000} showCount />
              </Form.Item>
            )}
            <Form.Item name="letterText" label={t('form.letterText')} rules={text}>
              <Input.TextArea rows={10} maxLength={20000} showCount />
            </Form.Item>
            <Form.Item label={t('form.letterFile')} extra={t('form.letterFileHelp')}>
              <FileField value={file} onChange={setFile} />
            </Form.Item>
          </>
        )}
        {has('result') && (
          <>
            <Form.Item name="result" label={t('form.evaluation')} rules={[{ required: true, message: t('form.chooseResult') }]}>
              <Radio.Group options={EVALUATION_RESULTS.map((r) => ({ value: r, label: t(`result.${r}`) }))} />
            </Form.Item>
            <Form.Item name="comment" label={t('form.evaluationComment')}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
