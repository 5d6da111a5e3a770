import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Role } from '../api/types';
import type { Namespace } from '../i18n/catalogs';

export interface PageRoute {
  path: string;
  roles?: readonly Role[];
  page: LazyExoticComponent<ComponentType>;
}

export interface MenuEntry {
  /** The route it opens; also the menu key. */
  path: string;
  labelKey: string;
  icon?: ReactNode;
  roles?: readonly Role[];
}

/** What a web module tells the shell: its pages and its menu group. */
export interface WebModule {
  name: string;
  namespace: Namespace;
  menuLabelKey: string;
  menuIcon?: ReactNode;
  menu: MenuEntry[];
  routes: PageRoute[];
  /** Pages anyone may open without an account, outside the signed-in layout (no menu). */
  publicRoutes?: PageRoute[];
}
