import { Card, Descriptions, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { proposalsApi } from '../../../api/proposals';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PublicFrame } from '../components/PublicFrame';

/** One public proposal: its text, proposers' names and sectors, units and (if public) replies. */
export default function PublicProposalPage() {
  const id = Number(useParams().id);
  const t = useT('proposals');
  const { lang } = useLocale();
  const detail = useQuery({ queryKey: ['proposals', 'public', 'detail', id], queryFn: () => proposalsApi.publicGet(id) });
  const p = detail.data;
  return (
    <PublicFrame title={p?.title ?? t('public.title')}>
      <Link to="/disclosure/proposals">{t('public.back')}</Link>
      <ErrorAlert error={detail.error} />
      {detail.isLoading && <Spin />}
      {p && (
        <>
          <Typography.Title level={3} style={{ marginTop: 12 }}>
            {p.title}
          </Typography.Title>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('field.organization')}>{p.organizationName}</Descriptions.Item>
              <Descriptions.Item label={t('field.session')}>{pickLang(lang, p.sessionLabel ?? undefined, p.sessionLabel_en ?? undefined) || p.year}</Descriptions.Item>
              {p.number !== null && <Descriptions.Item label={t('field.number')}>{t('public.number', { n: lang === 'en' ? String(p.number) : String(p.number).padStart(4, '0') })}</Descriptions.Item>}
              <Descriptions.Item label={t('field.kind')}>{t(`kind.${p.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('field.proposer')}>{p.proposers.map((x) => (x.sector ? `${x.name}（${x.sector}）` : x.name)).join('、')}</Descriptions.Item>
              {p.category && <Descriptions.Item label={t('field.category')}>{p.category}</Descriptions.Item>}
              {p.units.length > 0 && <Descriptions.Item label={t('field.units')}>{p.units.map((u) => `${u.name}（${t(`role.${u.role}`)}）`).join('、')}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title={t('field.reasons')} size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.reasons}</Typography.Paragraph>
          </Card>
          <Card title={t('field.suggestions')} size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.suggestions}</Typography.Paragraph>
          </Card>
          {p.replies.map((r, i) => (
            <Card key={i} title={`${t('detail.replyFrom', { unit: r.unitName })} · ${t(`classShort.${r.class}`)}`} size="small" style={{ marginBottom: 16 }} data-testid="public-reply">
              <Typography.Text type="secondary">{r.repliedOn}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.letterText}</Typography.Paragraph>
            </Card>
          ))}
        </>
      )}
    </PublicFrame>
  );
}
