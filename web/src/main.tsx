import { residentPage } from './modules/opinions/residentNav';

// Residents open /q/<code> from a place's QR poster on their phones, often on a slow network:
// those pages (and /track) start a small app of their own (modules/opinions/resident.tsx), without
// the office app's shell, menu and modules. Each app is fetched on demand, so that neither
// downloads the other, and this first file stays tiny: React comes with the app that needs it.
// (Two functions rather than if/else: the minifier merges the two alike import() calls of an
// if/else into one, and Vite would then preload the files of both apps.)
const apps = {
  resident: () => import('./modules/opinions/resident'),
  office: () => import('./app/start'),
};

const where = residentPage(window.location.pathname);
if (where?.page === 'scan') {
  // The place's data is asked for now, while the page's code downloads; the browser hands this
  // answer to the page's own request for the same URL (api/client.ts) instead of asking again.
  const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: `/api/q/${encodeURIComponent(where.code)}` });
  document.head.append(link);
}
void apps[where ? 'resident' : 'office']().then((app) => app.start(document.getElementById('root')!));
