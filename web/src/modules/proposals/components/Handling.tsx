import { Button, Card, Descriptions, Empty, Flex, List, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { AssignmentEvent, Proposal } from '../../../api/proposals';
import { proposalsApi } from '../../../api/proposals';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { formatTime } from '../../../shared/time';
import { useQueryClient } from '@tanstack/react-query';
import { hasAnyRole, useMe } from '../../../app/session';
import { OFFICE } from '../manifest';
import { AssignmentTag } from './labels';
import { ScoreButton } from './ScoreButton';

const ORDER: AssignmentEvent[] = ['sign', 'request_reassign', 'contact', 'send_opinion', 'reply', 'reassign'];

interface Props {
  proposal: Proposal;
  busy: string | null;
  onAction: (event: AssignmentEvent | 'evaluate', assignmentId: number) => void;
}

/** The assignments with their buttons, then contacts, assisting opinions, replies and ratings. */
export function Handling({ proposal: p, busy, onAction }: Props) {
  const t = useT('proposals');
  const { lang } = useLocale();
  const isOffice = hasAnyRole(useMe(), OFFICE);
  const queryClient = useQueryClient();
  if (p.assignments.length === 0) return null;
  const ratedThisRound = (assignmentId: number, round: number) => p.evaluations.some((e) => e.mine && e.assignmentId === assignmentId && e.round === round);
  return (
    <>
      <Card title={t('detail.assignments')} style={{ marginBottom: 16 }} data-testid="assignments">
        <List
          dataSource={p.assignments}
          renderItem={(a) => (
            <List.Item style={{ display: 'block' }} data-testid={`assignment-${a.id}`}>
              <Flex wrap gap={8} align="center" justify="space-between">
                <Flex wrap gap={6} align="center">
                  <Typography.Text strong>{a.unitName}</Typography.Text>
                  <Tag>{t(`role.${a.role}`)}</Tag>
                  <AssignmentTag state={a.state} t={t} />
                  {a.overdue && <Tag color="red">{t('field.overdue')}</Tag>}
                </Flex>
                <Flex wrap gap={6}>
                  {ORDER.filter((e) => a.abilities[e]).map((e) => (
                    <Button key={e} size="small" type={e === 'sign' || e === 'reply' ? 'primary' : 'default'} loading={busy === `${e}:${a.id}`} onClick={() => onAction(e, a.id)}>
                      {t(`action.${e}`)}
                    </Button>
                  ))}
                </Flex>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('field.deadlineShort', { date: a.deadline })}
                {a.signedAt ? ` · ${t('detail.signedAt', { at: formatTime(a.signedAt, lang) })}` : ''}
                {a.round > 1 ? ` · ${t('detail.round', { n: a.round })}` : ''}
              </Typography.Text>
              {a.reassignReason && <div>{t('detail.reassignReason', { reason: a.reassignReason })}</div>}
            </List.Item>
          )}
        />
      </Card>
      {(p.contacts.length > 0 || p.assistOpinions.length > 0) && (
        <Card title={t('detail.handling')} style={{ marginBottom: 16 }}>
          {p.contacts.map((c) => (
            <div key={`c${c.id}`} style={{ marginBottom: 8 }}>
              <Tag>{t(`way.${c.way}`)}</Tag>
              <Typography.Text strong>{c.unitName}</Typography.Text> · {c.contactedOn}
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</div>
            </div>
          ))}
          {p.assistOpinions.map((o) => (
            <div key={`o${o.id}`} style={{ marginBottom: 8 }}>
              <Tag color="blue">{t('detail.assistOpinion')}</Tag>
              <Typography.Text strong>{o.unitName}</Typography.Text> · {formatTime(o.createdAt, lang)}
              <div style={{ whiteSpace: 'pre-wrap' }}>{o.text}</div>
              {o.file && (
                <a href={`/api/files/${o.file.id}`} target="_blank" rel="noreferrer">
                  {o.file.name}
                </a>
              )}
            </div>
          ))}
        </Card>
      )}
      <Card title={t('detail.replies')} style={{ marginBottom: 16 }} data-testid="replies">
        {p.replies.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noReply')} />}
        {p.replies.map((r) => {
          const a = p.assignments.find((x) => x.id === r.assignmentId);
          const canRate = p.abilities.evaluate && a && a.state === 'replied' && r.round === a.round && !ratedThisRound(a.id, r.round);
          const ratings = p.evaluations.filter((e) => e.assignmentId === r.assignmentId && e.round === r.round);
          return (
            <Card key={r.id} type="inner" size="small" style={{ marginBottom: 12 }} title={`${r.unitName} · ${t(`classShort.${r.class}`)}`} extra={
              <Flex wrap gap={6}>
                <a href={proposalsApi.letterDocxUrl(r.id)}>
                  <Button size="small" icon={<DownloadOutlined />}>{t('detail.letterDocx')}</Button>
                </a>
                {isOffice && a?.state === 'replied' && (
                  <ScoreButton label={t('quality.rateUnit')} save={(v) => proposalsApi.rateUnit(r.assignmentId, v)} onSaved={() => void queryClient.invalidateQueries({ queryKey: ['proposals', 'unit-quality'] })} />
                )}
                {canRate && (
                  <Button size="small" type="primary" loading={busy === `evaluate:${r.assignmentId}`} onClick={() => onAction('evaluate', r.assignmentId)}>
                    {t('action.evaluate')}
                  </Button>
                )}
              </Flex>
            }>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('form.replyClass')}>{t(`class.${r.class}`)}</Descriptions.Item>
                {r.classReason && <Descriptions.Item label={t('form.classReason')}>{r.classReason}</Descriptions.Item>}
                <Descriptions.Item label={t('detail.repliedAt')}>{formatTime(r.repliedAt, lang)}</Descriptions.Item>
                {r.round > 1 && <Descriptions.Item label={t('detail.roundLabel')}>{t('detail.round', { n: r.round })}</Descriptions.Item>}
                {r.letterFile && (
                  <Descriptions.Item label={t('form.letterFile')}>
                    <a href={`/api/files/${r.letterFile.id}`} target="_blank" rel="noreferrer">
                      {r.letterFile.name}
                    </a>
                  </Descriptions.Item>
                )}
              </Descriptions>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{r.letterText}</Typography.Paragraph>
              {ratings.map((e) => (
                <div key={e.id} data-testid="evaluation">
                  <Tag color={e.result === 'unsatisfied' ? 'red' : 'green'}>{t(`result.${e.result}`)}</Tag>
                  {e.userName}
                  {e.comment ? `：${e.comment}` : ''}
                </div>
              ))}
            </Card>
          );
        })}
      </Card>
    </>
  );
}
