// The public panorama screen (驾驶舱), /public/screen/<organization id>?year=&scope= (no year: this year, turning at New Year): the public
// figures only, live, without an account: for a display in a hall open to visitors.
import { useEffect } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { dashboardApi, type PublicFigures } from '../../../api/dashboard';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ScreenBoard } from '../components/ScreenBoard';
import { useFiguresStream } from '../components/useFiguresStream';
import { screenQuery } from './ScreenPage';

export default function PublicScreenPage() {
  const t = useT('dashboard');
  const id = Number(useParams().organizationId);
  const known = Number.isInteger(id) && id > 0;
  const { period, scope } = screenQuery(useSearchParams()[0]);
  const first = useQuery({ queryKey: ['dashboard', 'public', id, period, scope], queryFn: () => dashboardApi.publicFigures(id, period, scope), enabled: known });
  const live = useFiguresStream<PublicFigures>(first.data ? dashboardApi.publicLiveUrl(id, period, scope) : null);
  const data = live.figures ?? first.data ?? null;
  const year = data?.year;
  useEffect(() => {
    if (year) document.title = t('screen.title', { year });
  }, [t, year]);
  if (!known) return <Alert type="warning" showIcon title={t('screen.noOrganization')} />;
  if (first.error && !first.data) return <ErrorAlert error={first.error} />;
  return <ScreenBoard data={data} connection={live.connection} updatedAt={live.updatedAt} badge={`${t('screen.public')} · ${t(`screen.${scope}`)}`} />;
}
