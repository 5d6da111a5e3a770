import { Card, Timeline as AntTimeline, Typography } from 'antd';
import type { TimelineEntry } from '../../../api/consultations';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { auditActionLabel } from '../../../i18n/auditAction';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatTime } from '../../../shared/time';
import type { ConsultationsKey } from './labels';

/** Every step from the audit log: what, who and when. Actions without a server label get ours. */
export function ConsultationTimeline({ entries, error }: { entries: TimelineEntry[] | undefined; error?: unknown }) {
  const t = useT('consultations');
  const { lang } = useLocale();
  const label = (e: TimelineEntry) => {
    if (e.label && e.label !== e.action) return pickLang(lang, e.label, e.label_en);
    const key = `log.${e.action.split('.').pop() ?? e.action}` as ConsultationsKey;
    const text = t(key);
    return text === key ? auditActionLabel(e.action, lang) : text;
  };
  return (
    <Card title={t('detail.timeline')} data-testid="timeline" style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} />
      <AntTimeline
        items={(entries ?? []).map((e, i) => ({
          key: i,
          content: (
            <>
              <Typography.Text strong>{label(e)}</Typography.Text>{' '}
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
