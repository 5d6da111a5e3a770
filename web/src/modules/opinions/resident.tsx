// The resident's pages as an app of their own. main.tsx loads this file instead of the office app
// when a phone opens /q/<code> (a place's QR poster) or /track: residents on a slow mobile network
// then download the scan page and what its form needs, not the office app's shell, menu, modules,
// their messages, react-router, react-query or antd's App (modal and notification code).
// bench/qr-page.ts measures it; tests/browser/resident-weight.test.ts keeps it so.
import { Component, lazy, StrictMode, Suspense, useSyncExternalStore, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Button } from 'antd';
import appZh from '../../app/messages.zh-CN.json';
import appEn from '../../app/messages.en.json';
import { LocaleProvider, useT } from '../../i18n/LocaleProvider';
import { Loading } from './components/Loading';
import { Outcome } from './components/Outcome';
import opinionsZh from './messages.zh-CN.json';
import opinionsEn from './messages.en.json';
import hallsZh from '../halls/messages.zh-CN.json';
import hallsEn from '../halls/messages.en.json';
import ScanPage from './pages/ScanPage';
import { residentPage } from './residentNav';

// The scan page comes with this file (one round trip less on a slow network); the tracking page,
// opened later, is fetched when it is first shown.
const TrackPage = lazy(() => import('./pages/TrackPage'));
// A hall's public page with its topic form (halls module), fetched when first shown.
const HallPage = lazy(() => import('../halls/HallPage'));
const HallIndexPage = lazy(() => import('../halls/HallIndexPage'));
const HallCasesPage = lazy(() => import('../halls/HallCasesPage'));
const DirectoryPage = lazy(() => import('../halls/DirectoryPage'));
// A session's check-in page, opened from its QR code at the venue (halls module).
const CheckinPage = lazy(() => import('../halls/CheckinPage'));
// A lounge's public page and a lounge event's check-in page (halls module).
const LoungePage = lazy(() => import('../halls/LoungePage'));

const catalogs = { app: { 'zh-CN': appZh, en: appEn }, opinions: { 'zh-CN': opinionsZh, en: opinionsEn }, halls: { 'zh-CN': hallsZh, en: hallsEn } };

/** The current path, following go() and the browser's back and forward buttons. */
function usePathname(): string {
  return useSyncExternalStore(
    (onChange) => {
      window.addEventListener('popstate', onChange);
      return () => window.removeEventListener('popstate', onChange);
    },
    () => window.location.pathname,
  );
}

function Page() {
  const where = residentPage(usePathname());
  if (where?.page === 'scan') return <ScanPage key={where.code} code={where.code} />;
  if (where?.page === 'hall-checkin' || where?.page === 'lounge-checkin')
    return (
      <Suspense fallback={<Loading />}>
        <CheckinPage key={where.code} token={where.code} lounge={where.page === 'lounge-checkin'} />
      </Suspense>
    );
  if (where?.page === 'lounge')
    return (
      <Suspense fallback={<Loading />}>
        <LoungePage key={where.code} id={where.code} />
      </Suspense>
    );
  return (
    <Suspense fallback={<Loading />}>
      {where?.page === 'hall' ? where.code === 'cases' ? <HallCasesPage /> : where.code === 'directory' ? <DirectoryPage /> : where.code ? <HallPage key={where.code} id={where.code} /> : <HallIndexPage /> : <TrackPage code={where?.code ?? ''} />}
    </Suspense>
  );
}

function PageError() {
  const ta = useT('app');
  return (
    <Outcome status="warning" title={ta('common.pageError')}>
      <Button type="primary" onClick={() => window.location.reload()}>
        {ta('common.reload')}
      </Button>
    </Outcome>
  );
}

/** A page that throws shows this instead of a blank screen (the office app's RouteError, without a router). */
class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(error: unknown) {
    console.error(error);
  }
  render() {
    return this.state.failed ? <PageError /> : this.props.children;
  }
}

export function start(root: HTMLElement) {
  createRoot(root).render(
    <StrictMode>
      <LocaleProvider catalogs={catalogs}>
        <ErrorBoundary>
          <Page />
        </ErrorBoundary>
      </LocaleProvider>
    </StrictMode>,
  );
}
