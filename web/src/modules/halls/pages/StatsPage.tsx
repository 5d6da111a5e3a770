// The halls' figures of a year for the work report: places with activity by kind, topics,
// sessions, participations, suggestions and the residents' rating; 本级 or 全系统.
import { useState } from 'react';
import { Card, Col, Flex, Row, Select, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { hallsApi } from '../../../api/halls';
import type { OrgScope } from '../../../api/types';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { Chart } from '../../../shared/Chart';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { ScopeSwitch } from '../../../shared/ScopeSwitch';
import { thisYear } from '../../../shared/time';

const KINDS = ['hall', 'station', 'studio', 'lounge'] as const;

export default function StatsPage() {
  const t = useT('halls');
  const { lang } = useLocale();
  const [year, setYear] = useState<number>(thisYear());
  const [scope, setScope] = useState<OrgScope>('own');
  const stats = useQuery({ queryKey: ['halls', 'stats', year, scope], queryFn: () => hallsApi.stats(year, scope) });
  const s = stats.data;
  const figures = s
    ? ([
        ['stats.topicsRaised', s.topics.raised],
        ['stats.topicsAdopted', s.topics.adopted],
        ['stats.topicsDeclined', s.topics.declined],
        ['stats.sessions', s.sessions],
        ['stats.participations', s.participations.total],
        ['stats.suggestions', s.suggestions.made],
        ['stats.suggestionsAnswered', s.suggestions.answered],
        ['stats.suggestionsAdopted', s.suggestions.adopted],
      ] as const)
    : [];
  const years = Array.from({ length: 6 }, (_, i) => thisYear() - i);
  return (
    <>
      <PageHeader
        title={t('stats.title')}
        extra={
          <Flex wrap gap={8}>
            <ScopeSwitch value={scope} onChange={setScope} />
            <Select aria-label={t('stats.year')} data-testid="year-select" value={year} onChange={setYear} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: t('stats.yearLabel', { year: y }) }))} />
          </Flex>
        }
      />
      <ErrorAlert error={stats.error} />
      {s && (
        <>
          <Typography.Title level={4} data-testid="stats-headline">
            {pickLang(lang, s.headline.zh, s.headline.en)}
          </Typography.Title>
          <Typography.Title level={5}>{t('stats.places')}</Typography.Title>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="stats-places">
            {KINDS.map((k) => (
              <Col xs={12} md={6} key={k}>
                <Card size="small">
                  <Statistic title={t(`stats.kind.${k}`)} value={t('stats.placesOf', { active: s.places[k].active, total: s.places[k].total })} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="stats-figures">
            {figures.map(([k, n]) => (
              <Col xs={12} md={6} lg={3} key={k}>
                <Card size="small">
                  <Statistic title={t(k)} value={n} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={6} lg={3}>
              <Card size="small">
                <Statistic title={t('stats.rating')} value={s.rating.average ?? t('stats.noRating')} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('stats.byMonth')}>
                <Chart type="months" data={s.sessionsByMonth.map((n, i) => ({ name: t('stats.month', { m: i + 1 }), value: n }))} testId="chart-months" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('stats.suggestionProgress', { n: s.suggestions.made })}>
                <Chart type="bar" testId="chart-suggestions" data={[
                  { name: t('stats.suggestionsAnswered'), value: s.suggestions.answered },
                  { name: t('stats.suggestionsAdopted'), value: s.suggestions.adopted },
                ]} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
