import { useMemo, useState } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { consultationsApi, MEETING_TYPES } from '../../../api/consultations';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { ScopeSwitch } from '../../../shared/ScopeSwitch';
import type { OrgScope } from '../../../api/types';
import { Chart } from '../../../shared/Chart';
import { thisYear } from '../components/labels';
import { YearSelect } from '../components/YearSelect';

/** The figures a yearly work report quotes: meetings by type and month, participations, comments, suggestions. */
export default function StatsPage() {
  const t = useT('consultations');
  const { lang } = useLocale();
  const [year, setYear] = useState<number>(thisYear());
  const [scope, setScope] = useState<OrgScope>('own');
  const stats = useQuery({ queryKey: ['consultations', 'stats', year, scope], queryFn: () => consultationsApi.stats(year, scope) });
  const s = stats.data;
  const charts = useMemo(() => {
    if (!s) return null;
    return {
      types: MEETING_TYPES.map((k) => ({ name: t(`type.${k}`), value: s.meetingsByType[k] ?? 0 })),
      months: s.meetingsByMonth.map((n, i) => ({ name: t('stats.month', { m: i + 1 }), value: n })),
      suggestions: [
        { name: t('stats.suggestionsAssigned'), value: s.suggestions.assigned },
        { name: t('stats.suggestionsAnswered'), value: s.suggestions.answered },
        { name: t('stats.suggestionsAdopted'), value: s.suggestions.adopted },
      ],
    };
  }, [s, t]);
  const figures = s
    ? ([
        ['stats.meetings', s.meetings],
        ['stats.participations', s.participations.total],
        ['stats.attendance', s.participations.attendance],
        ['stats.onlineParticipants', s.participations.onlineParticipants],
        ['stats.comments', s.comments],
        ['stats.suggestions', s.suggestions.total],
        ['stats.suggestionsAdopted', s.suggestions.adopted],
        ['stats.outcomes', s.outcomes],
      ] as const)
    : [];
  return (
    <>
      <PageHeader
        title={t('stats.title')}
        extra={
          <>
            <ScopeSwitch value={scope} onChange={setScope} />
            <YearSelect value={year} onChange={(y) => setYear(y ?? thisYear())} />
          </>
        }
      />
      <ErrorAlert error={stats.error} />
      {s && charts && (
        <>
          <Typography.Title level={4} data-testid="stats-headline">
            {pickLang(lang, s.headline.zh, s.headline.en)}
          </Typography.Title>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="stats-figures">
            {figures.map(([k, n]) => (
              <Col xs={12} md={6} lg={3} key={k}>
                <Card size="small">
                  <Statistic title={t(k)} value={n} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('stats.byType')}>
                <Chart type="bar" data={charts.types} testId="chart-types" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('stats.byMonth')}>
                <Chart type="months" data={charts.months} testId="chart-months" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('stats.suggestionProgress', { n: s.suggestions.total })}>
                <Chart type="bar" data={charts.suggestions} testId="chart-suggestions" />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
