import { useState } from 'react';
import { Button } from 'antd';
import { ArrowLeftOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { hasAnyRole, useMe } from '../../../app/session';
import { PageSpinner } from '../../../app/PageSpinner';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { MemberDescriptions } from '../components/MemberDescriptions';
import { RetireModal } from '../components/RetireModal';
import { useMember, useTerms } from '../hooks';
import { OFFICE } from '../manifest';

export default function MemberDetailPage() {
  const t = useT('orgs');
  const ta = useT('app');
  const me = useMe();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const member = useMember(id);
  const terms = useTerms(member.data?.organizationId);
  const [retiring, setRetiring] = useState(false);

  if (member.isLoading) return <PageSpinner />;
  if (!member.data) return <ErrorAlert error={member.error} />;
  const m = member.data;
  const office = hasAnyRole(me, OFFICE);

  return (
    <>
      <PageHeader
        back={<Button icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => navigate(-1)} />}
        title={m.name}
        extra={
          office && (
            <>
              <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/orgs/members/${m.id}/edit`, { state: { fromDetail: true } })}>
                {ta('common.edit')}
              </Button>
              {m.status === 'active' && (
                <Button danger icon={<StopOutlined />} onClick={() => setRetiring(true)}>
                  {t('retire.button')}
                </Button>
              )}
            </>
          )
        }
      />
      <MemberDescriptions member={m} terms={terms.data} />
      {retiring && <RetireModal member={m} open={retiring} onClose={() => setRetiring(false)} />}
    </>
  );
}
