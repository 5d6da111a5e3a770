// The office's big screen (驾驶舱), /dashboard/screen?year=&scope=: the year's figures of the
// caller's organization, live, outside the office layout. The figures are first asked as the
// figures page asks them, so that a signed-out screen goes to sign-in and a refused one says
// so; then the stream takes over.
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { dashboardApi, type Figures, type Period } from '../../../api/dashboard';
import type { OrgScope } from '../../../api/types';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ScreenBoard } from '../components/ScreenBoard';
import { useFiguresStream } from '../components/useFiguresStream';

/**
 * The year and scope of the address, as the API reads them. With no year the screen asks for none:
 * the server then counts this year in China, and turns the screen to the new year on 1 January.
 */
export function screenQuery(params: URLSearchParams): { period: Period; scope: OrgScope } {
  const year = Number(params.get('year'));
  return { period: Number.isInteger(year) && year >= 2000 && year <= 2100 ? { year } : {}, scope: params.get('scope') === 'system' ? 'system' : 'own' };
}

export default function ScreenPage() {
  const t = useT('dashboard');
  const { period, scope } = screenQuery(useSearchParams()[0]);
  const first = useQuery({ queryKey: ['dashboard', 'figures', period, scope], queryFn: () => dashboardApi.figures(period, scope) });
  // A refused stream (the session ran out on a screen left for days): asking the figures again
  // leads to sign-in, as any page's 401 does.
  const live = useFiguresStream<Figures>(first.data ? dashboardApi.liveUrl(period, scope) : null, () => void first.refetch());
  const data = live.figures ?? first.data ?? null;
  // The year shown is the one counted: after New Year the stream brings the new one.
  const year = data?.year;
  useEffect(() => {
    if (year) document.title = t('screen.title', { year });
  }, [t, year]);
  // Once figures were shown, a failed second asking leaves the screen as it is: the stream goes on trying.
  if (first.error && !first.data) return <ErrorAlert error={first.error} />;
  return <ScreenBoard data={data} connection={live.connection} updatedAt={live.updatedAt} badge={t(`screen.${scope}`)} />;
}
