import { Card, Descriptions, Tag, Typography } from 'antd';
import type { Opinion } from '../../../api/opinions';
import type { Translate } from '../../../i18n/LocaleProvider';
import type { OpinionsKey } from '../../../i18n/keys';

/** Where the report went after compiling: forwardings, adoptions, instructions and feedback. */
export function OpinionResults({ opinion: o, t }: { opinion: Opinion; t: Translate<OpinionsKey> }) {
  if (!o.forwardings.length && !o.adoptions.length && !o.instructions.length && !o.feedback.length) return null;
  return (
    <Card title={t('detail.results')} style={{ marginBottom: 16 }} data-testid="results">
      <Descriptions column={1} size="small">
        {o.forwardings.length > 0 && (
          <Descriptions.Item label={t('detail.forwardings')}>
            {o.forwardings.map((f) => (
              <div key={f.id}>
                {t(`recipient.${f.recipient}`)}
                {f.recipientName ? `（${f.recipientName}）` : ''} · {f.sentOn}
              </div>
            ))}
          </Descriptions.Item>
        )}
        {o.adoptions.length > 0 && (
          <Descriptions.Item label={t('detail.adoptions')}>
            {o.adoptions.map((a) => (
              <div key={a.id}>
                <Tag color="green">{t(`level.${a.level}`)}</Tag>
                {a.adoptedBy} · {a.adoptedOn}
              </div>
            ))}
          </Descriptions.Item>
        )}
        {o.instructions.length > 0 && (
          <Descriptions.Item label={t('detail.instructions')}>
            {o.instructions.map((i) => (
              <div key={i.id}>
                <Tag>{t(`levelShort.${i.level}`)}</Tag>
                {i.leader} · {i.instructedOn}：{i.text}
              </div>
            ))}
          </Descriptions.Item>
        )}
        {o.feedback.length > 0 && (
          <Descriptions.Item label={t('detail.feedback')}>
            {o.feedback.map((f) => (
              <div key={f.id}>
                {f.final && <Tag color="red">{t('detail.final')}</Tag>}
                {f.fromName} · {f.receivedOn}
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{f.text}</Typography.Paragraph>
              </div>
            ))}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
