import { lazy } from 'react';
import { ApartmentOutlined, EnvironmentOutlined, TeamOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

export const READERS: readonly Role[] = ['admin', 'staff', 'leader'];
export const OFFICE: readonly Role[] = ['admin', 'staff'];

export const orgsModule: WebModule = {
  name: 'orgs',
  namespace: 'orgs',
  menuLabelKey: 'menu.group',
  menuIcon: <ApartmentOutlined />,
  menu: [
    { path: '/orgs/members', labelKey: 'menu.members', icon: <TeamOutlined />, roles: READERS },
    { path: '/orgs/places', labelKey: 'menu.places', icon: <EnvironmentOutlined />, roles: READERS },
    { path: '/orgs/catalogs', labelKey: 'menu.catalogs', icon: <UnorderedListOutlined />, roles: READERS },
    { path: '/orgs/structure', labelKey: 'menu.structure', icon: <ApartmentOutlined />, roles: OFFICE },
  ],
  routes: [
    { path: 'orgs/members', roles: READERS, page: lazy(() => import('./pages/MembersPage')) },
    { path: 'orgs/members/new', roles: OFFICE, page: lazy(() => import('./pages/MemberFormPage')) },
    { path: 'orgs/members/import', roles: OFFICE, page: lazy(() => import('./pages/MemberImportPage')) },
    { path: 'orgs/members/:id', roles: READERS, page: lazy(() => import('./pages/MemberDetailPage')) },
    { path: 'orgs/members/:id/edit', roles: OFFICE, page: lazy(() => import('./pages/MemberFormPage')) },
    { path: 'orgs/handling-units/import', roles: OFFICE, page: lazy(() => import('./pages/UnitImportPage')) },
    { path: 'orgs/places', roles: READERS, page: lazy(() => import('./pages/PlacesPage')) },
    { path: 'orgs/catalogs', roles: READERS, page: lazy(() => import('./pages/CatalogsPage')) },
    { path: 'orgs/structure', roles: OFFICE, page: lazy(() => import('./pages/StructurePage')) },
  ],
};
