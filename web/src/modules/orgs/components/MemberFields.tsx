import { AutoComplete, Col, Form, Input, InputNumber, Radio, Row, Select, Switch, type FormInstance } from 'antd';
import { useT } from '../../../i18n/LocaleProvider';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { toOptions, useCatalog, useTerms } from '../hooks';
import type { MemberFormValues } from '../memberForm';

// Common answers offered as suggestions; any other text is accepted.
const ETHNICITIES = ['汉族', '回族', '满族', '蒙古族', '壮族', '畲族'];
const AFFILIATIONS = ['中共党员', '民革党员', '民盟盟员', '民建会员', '民进会员', '农工党党员', '致公党党员', '九三学社社员', '台盟盟员', '无党派人士', '群众'];

const half = { xs: 24, md: 12 };

export function MemberFields({ form, creating }: { form: FormInstance<MemberFormValues>; creating: boolean }) {
  const t = useT('orgs');
  const ta = useT('app');
  const organizationId = Form.useWatch('organizationId', form);
  const terms = useTerms(organizationId);
  const sectors = useCatalog('sectors', organizationId);
  const committees = useCatalog('committees', organizationId);
  const required = [{ required: true, message: ta('common.required') }];

  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item name="organizationId" label={ta('common.organization')} rules={required}>
          <OrganizationSelect
            disabled={!creating}
            onChange={(v) => form.setFieldsValue({ organizationId: v, termId: undefined, sectorId: undefined, committeeIds: [] } as Partial<MemberFormValues>)}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="termId" label={t('member.term')} rules={required}>
          <Select options={(terms.data ?? []).filter((x) => x.organizationId === organizationId).map((x) => ({ value: x.id, label: x.name }))} placeholder={ta('common.choose')} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="name" label={t('member.name')} rules={required}>
          <Input maxLength={30} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="gender" label={t('member.gender')} rules={required}>
          <Radio.Group options={[{ value: 'male', label: ta('gender.male') }, { value: 'female', label: ta('gender.female') }]} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="birthYear" label={t('member.birthYear')} rules={required}>
          <InputNumber min={1900} max={2010} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="ethnicity" label={t('member.ethnicity')} rules={required}>
          <AutoComplete options={ETHNICITIES.map((value) => ({ value }))} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="politicalAffiliation" label={t('member.politicalAffiliation')} rules={required}>
          <AutoComplete options={AFFILIATIONS.map((value) => ({ value }))} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="sectorId" label={t('member.sector')} rules={required}>
          <Select options={toOptions(sectors.data)} showSearch={{ optionFilterProp: 'label' }} placeholder={ta('common.choose')} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="committeeIds" label={t('member.committees')}>
          <Select mode="multiple" options={toOptions(committees.data)} showSearch={{ optionFilterProp: 'label' }} placeholder={ta('common.choose')} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="workplace" label={t('member.workplace')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="title" label={t('member.title')}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="phone" label={t('member.phone')} extra={t('form.phoneHelp')}>
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="standing" label={t('member.standing')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
    </Row>
  );
}
