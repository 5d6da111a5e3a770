import { Card, Empty, List, Progress, Typography } from 'antd';
import { Link } from 'react-router';
import type { SimilarProposal } from '../../../api/proposals';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { StateTag } from './labels';

/** The most similar earlier proposals with their score (0–1 shown as a percentage). */
export function SimilarList({ items, loading }: { items: SimilarProposal[] | undefined; loading?: boolean }) {
  const t = useT('proposals');
  const { lang } = useLocale();
  return (
    <Card size="small" title={t('similar.title')} data-testid="similar" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('similar.help')}
      </Typography.Paragraph>
      {items && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('similar.none')} />
      ) : (
        <List
          size="small"
          loading={loading}
          dataSource={items ?? []}
          renderItem={(s) => (
            <List.Item style={{ display: 'block' }}>
              <Link to={`/proposals/${s.id}`} target="_blank">
                {s.title}
              </Link>
              <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
                {s.numberLabel ? pickLang(lang, s.numberLabel, s.numberLabel_en ?? undefined) : t('similar.year', { year: s.year })} · {s.proposerName} <StateTag state={s.state} t={t} />
              </div>
              <Progress percent={Math.round(s.score * 100)} size="small" format={(p) => t('similar.score', { n: p ?? 0 })} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
