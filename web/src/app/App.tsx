import { Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { App as AntApp } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { catalogs } from '../i18n/catalogs';
import { LocaleProvider, useLocale } from '../i18n/LocaleProvider';
import { setPasswordChangeHandler, setUnauthenticatedHandler, ApiError } from '../api/client';
import { ChangePasswordPage, LoginPage, RegisterPage } from '../modules/accounts/manifest';
import { AppLayout } from './AppLayout';
import { HomePage } from './HomePage';
import { NotFound } from './NotFound';
import { RequireRole } from './RequireRole';
import { RouteError } from './RouteError';
import { PageSpinner } from './PageSpinner';
import { webModules } from './modules';
import { ME_KEY } from './session';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Auth and permission answers will not change on a second try.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function lazyPage(Page: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Page />
    </Suspense>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: lazyPage(LoginPage), errorElement: <RouteError /> },
  { path: '/register', element: lazyPage(RegisterPage), errorElement: <RouteError /> },
  { path: '/change-password', element: lazyPage(ChangePasswordPage), errorElement: <RouteError /> },
  ...webModules.flatMap((m) => (m.publicRoutes ?? []).map((r) => ({ path: r.path, element: lazyPage(r.page), errorElement: <RouteError /> }))),
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      ...webModules.flatMap((m) =>
        m.routes.map((r) => ({ path: r.path, element: <RequireRole roles={r.roles}>{lazyPage(r.page)}</RequireRole> })),
      ),
      { path: '*', element: <NotFound /> },
    ],
  },
]);

setUnauthenticatedHandler(() => {
  const here = window.location.pathname;
  if (here === '/login' || here === '/register') return;
  queryClient.removeQueries({ queryKey: ME_KEY });
  void router.navigate(`/login?next=${encodeURIComponent(here + window.location.search)}`);
});

setPasswordChangeHandler(() => {
  if (window.location.pathname === '/change-password') return;
  void router.navigate('/change-password');
});

// Date pickers name months and weekdays through dayjs, in the reader's language.
function DayjsLocale() {
  const { lang } = useLocale();
  useEffect(() => void dayjs.locale(lang === 'en' ? 'en' : 'zh-cn'), [lang]);
  return null;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider catalogs={catalogs}>
        <DayjsLocale />
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
