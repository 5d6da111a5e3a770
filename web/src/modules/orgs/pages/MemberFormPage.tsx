import { useEffect, useState } from 'react';
import { App, Button, Card, Flex, Form } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useLocation, useNavigate, useParams } from 'react-router';
import { orgsApi } from '../../../api/orgs';
import { applyFieldErrors } from '../../../api/errors';
import { useMe } from '../../../app/session';
import { PageSpinner } from '../../../app/PageSpinner';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { MemberFields } from '../components/MemberFields';
import { useMember, useMemberSaved, useTerms } from '../hooks';
import { changedFields, MEMBER_FIELDS, toFormValues, toInput, type MemberFormValues } from '../memberForm';

export default function MemberFormPage() {
  const t = useT('orgs');
  const ta = useT('app');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  const creating = id === undefined;
  const member = useMember(id);
  const ownTerms = useTerms(creating ? me.organization.id : undefined);
  const saved = useMemberSaved();
  const [form] = Form.useForm<MemberFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  // A new member starts in the user's own organization and its current term.
  useEffect(() => {
    if (!creating || form.getFieldValue('termId')) return;
    const current = ownTerms.data?.find((x) => x.current && x.organizationId === me.organization.id);
    if (current) form.setFieldsValue({ termId: current.id });
  }, [creating, ownTerms.data, me.organization.id, form]);

  if (!creating && member.isLoading) return <PageSpinner />;
  if (!creating && !member.data) return <ErrorAlert error={member.error} />;

  const done = (memberId: number) => {
    const fromDetail = (location.state as { fromDetail?: boolean } | null)?.fromDetail;
    if (fromDetail) void navigate(-1);
    else void navigate(`/orgs/members/${memberId}`, { replace: true });
  };

  const submit = async (values: MemberFormValues) => {
    setSaving(true);
    setErrors([]);
    try {
      if (creating) {
        const m = await orgsApi.createMember(toInput(values));
        saved(m);
        message.success(ta('common.saved'));
        void navigate(`/orgs/members/${m.id}`, { replace: true });
      } else {
        const patch = changedFields(member.data!, values);
        if (Object.keys(patch).length > 0) saved(await orgsApi.updateMember(id, patch));
        message.success(ta('common.saved'));
        done(id);
      }
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, MEMBER_FIELDS));
    } finally {
      setSaving(false);
    }
  };

  const initialValues: Partial<MemberFormValues> = member.data
    ? toFormValues(member.data)
    : { organizationId: me.organization.id, committeeIds: [], standing: false };

  return (
    <>
      <PageHeader
        back={<Button icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => navigate(-1)} />}
        title={creating ? t('form.createTitle') : t('form.editTitle', { name: member.data!.name })}
      />
      <Card>
        <ErrorAlert messages={errors} />
        <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)} scrollToFirstError data-testid="member-form">
          <MemberFields form={form} creating={creating} />
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={saving}>
              {ta('common.save')}
            </Button>
            <Button onClick={() => navigate(-1)}>{ta('common.cancel')}</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
