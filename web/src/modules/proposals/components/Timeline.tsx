import { Card, Timeline as AntTimeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { proposalsApi } from '../../../api/proposals';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { auditActionLabel } from '../../../i18n/auditAction';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatTime } from '../../../shared/time';

/** Every step of the proposal from the audit log: what, who and when. */
export function ProposalTimeline({ id }: { id: number }) {
  const t = useT('proposals');
  const { lang } = useLocale();
  const timeline = useQuery({ queryKey: ['proposals', 'timeline', id], queryFn: () => proposalsApi.timeline(id) });
  return (
    <Card title={t('detail.timeline')} data-testid="timeline" style={{ marginBottom: 16 }}>
      <ErrorAlert error={timeline.error} />
      <AntTimeline
        items={(timeline.data ?? []).map((e, i) => ({
          key: i,
          content: (
            <>
              <Typography.Text strong>{(e.label && e.label !== e.action ? pickLang(lang, e.label, e.label_en) : '') || auditActionLabel(e.action, lang)}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {e.actorName ?? t('detail.system')} · {formatTime(e.at, lang)}
              </Typography.Text>
            </>
          ),
        }))}
      />
    </Card>
  );
}
