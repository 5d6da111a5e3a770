import { useQuery } from '@tanstack/react-query';
import { Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { dashboardApi } from '../../api/dashboard';
import { useLocale, useT } from '../../i18n/LocaleProvider';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { thisYear } from '../../shared/time';

/** The first figures of the work report, for a leader's home: the year at a glance. */
const HEADLINES = 6;

export function LeaderFigures() {
  const t = useT('app');
  const { lang } = useLocale();
  const year = thisYear();
  const figures = useQuery({ queryKey: ['dashboard', 'figures', { year }, 'own'], queryFn: () => dashboardApi.figures({ year }, 'own') });
  return (
    <div data-testid="leader-figures">
      <Typography.Title level={5}>{t('home.figures', { year })}</Typography.Title>
      <ErrorAlert error={figures.error} />
      <Row gutter={[12, 12]}>
        {(figures.data?.figures ?? []).slice(0, HEADLINES).map((f) => (
          <Col key={f.code} xs={12} sm={8}>
            <Statistic title={lang === 'en' ? f.name.en : f.name.zh} value={f.value} />
          </Col>
        ))}
      </Row>
      <Link to="/dashboard/figures">{t('home.allFigures')}</Link>
    </div>
  );
}
