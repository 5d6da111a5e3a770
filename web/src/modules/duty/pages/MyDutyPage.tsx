// 我的履职: a member's own year, phone first: the total, points by kind, and each act with a link to it.
import { useState } from 'react';
import { Button, Card, Empty, Flex, List, Select, Statistic, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { dutyApi } from '../../../api/duty';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { formatTime, today } from '../../../shared/time';
import { ClaimModal } from '../components/ClaimModal';
import { GradeTag } from '../components/GradeTag';

const thisYear = Number(today().slice(0, 4));
/** An entered act has a date; a recorded one a moment. */
const when = (at: string, lang: 'zh-CN' | 'en') => (at.length === 10 ? at : formatTime(at, lang));

export default function MyDutyPage() {
  const t = useT('duty');
  const { lang } = useLocale();
  const [year, setYear] = useState(thisYear);
  const record = useQuery({ queryKey: ['duty', 'me', year], queryFn: () => dutyApi.me(year) });
  const claims = useQuery({ queryKey: ['duty', 'claims', 'mine'], queryFn: () => dutyApi.myClaims() });
  const [claiming, setClaiming] = useState(false);
  const data = record.data;
  return (
    <div data-testid="my-duty" style={{ maxWidth: 720 }}>
      <PageHeader
        title={t('mine.title')}
        extra={
          <>
            <Select aria-label={t('mine.year')} value={year} onChange={setYear} style={{ width: 110 }} options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: String(thisYear - d) }))} />
            <a href={dutyApi.fileUrl(year)}>
              <Button icon={<DownloadOutlined />} data-testid="duty-file">{t('file.download')}</Button>
            </a>
            <Button type="primary" onClick={() => setClaiming(true)}>{t('claim.open')}</Button>
          </>
        }
      />
      <ClaimModal open={claiming} onClose={() => setClaiming(false)} />
      <ErrorAlert error={record.error} />
      {data && (
        <Flex vertical gap={16}>
          <Card size="small">
            <Statistic title={`${data.member.name} · ${data.year} · ${t('mine.total')}`} value={data.total} data-testid="duty-total" />
          </Card>
          <Card size="small" title={t('mine.missing')} data-testid="duty-missing">
            {data.missing.length === 0 ? (
              <Typography.Text type="success">{t('mine.allMet')}</Typography.Text>
            ) : (
              <Flex vertical gap={4}>
                {data.missing.map((m) => <Typography.Text key={m.key} type="danger" style={{ whiteSpace: 'normal' }}>{pickLang(lang, m.label.zh, m.label.en)}</Typography.Text>)}
              </Flex>
            )}
          </Card>
          {data.grades.length > 0 && (
            <Card size="small" title={t('mine.grades')}>
              <Flex wrap gap={12} data-testid="duty-grades">
                {data.grades.map((g) => <span key={g.year}>{g.year} <GradeTag grade={g.grade} /> {t('mine.points', { n: g.points })}</span>)}
              </Flex>
            </Card>
          )}
          <Card size="small" title={t('mine.byKind')}>
            {data.kinds.length === 0 ? (
              <Empty description={t('mine.none')} />
            ) : (
              <Flex wrap gap={8} data-testid="duty-kinds">
                {data.kinds.map((k) => (
                  <Tag key={k.kind} color={k.points < 0 ? 'red' : 'blue'} style={{ whiteSpace: 'normal' }}>
                    {pickLang(lang, k.label.zh, k.label.en)} · {t('mine.times', { n: k.count })} · {t('mine.points', { n: k.points })}
                  </Tag>
                ))}
              </Flex>
            )}
          </Card>
          <Card size="small" title={t('mine.events')}>
            <List
              data-testid="duty-events"
              dataSource={data.events}
              locale={{ emptyText: t('mine.none') }}
              renderItem={(e) => (
                <List.Item extra={<Typography.Text strong>{t('mine.points', { n: e.points })}</Typography.Text>}>
                  <List.Item.Meta
                    title={
                      <span style={{ whiteSpace: 'normal' }}>
                        {pickLang(lang, e.label.zh, e.label.en)}
                        {e.source.title && ` · ${e.source.title}`}
                        {e.origin === 'entered' && <Tag style={{ marginLeft: 8 }}>{t('mine.entered')}</Tag>}
                      </span>
                    }
                    description={
                      <>
                        {when(e.occurredAt, lang)}
                        {e.source.link && (
                          <>
                            {' · '}
                            <Link to={e.source.link}>{t('mine.open')}</Link>
                          </>
                        )}
                        {e.note && <div>{e.note}</div>}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
          {!!claims.data?.length && (
            <Card size="small" title={t('claim.mine')}>
              <List
                data-testid="duty-claims"
                dataSource={claims.data}
                renderItem={(c) => (
                  <List.Item extra={<Tag color={c.state === 'approved' ? 'green' : c.state === 'returned' ? 'orange' : 'blue'}>{t(`claim.state.${c.state}`)}</Tag>}>
                    <List.Item.Meta
                      title={<span style={{ whiteSpace: 'normal' }}>{t(`kind.${c.kind as 'offline_other'}`)} · {c.title}</span>}
                      description={<>{c.occurredOn}{c.returnReason && <div>{t('claim.returned', { reason: c.returnReason })}</div>}</>}
                    />
                  </List.Item>
                )}
              />
            </Card>
          )}
        </Flex>
      )}
    </div>
  );
}
