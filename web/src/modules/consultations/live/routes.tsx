import { lazy } from 'react';
import type { PageRoute } from '../../../app/manifest';

// The live room's pages; the consultations manifest adds them to its routes.
export const liveRoutes: PageRoute[] = [{ path: 'consultations/meetings/:id/live', page: lazy(() => import('./LiveRoomPage')) }];
