import { Card, List, Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import type { BestSpeech } from '../../../api/consultations';
import { useT } from '../../../i18n/LocaleProvider';

/** The best speeches, once staff have confirmed the vote: shown to everyone who opens the meeting. */
export function BestSpeeches({ items }: { items: BestSpeech[] }) {
  const t = useT('consultations');
  if (items.length === 0) return null;
  return (
    <Card title={<><TrophyOutlined style={{ color: '#d48806' }} /> {t('vote.best')}</>} style={{ marginBottom: 16 }} data-testid="best-speeches">
      <List
        size="small"
        dataSource={items}
        renderItem={(s) => (
          <List.Item>
            <span>
              <Typography.Text strong>{s.title}</Typography.Text> · {s.memberName}
            </span>
            <Typography.Text type="secondary">{t('vote.votes', { n: s.votes })}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
