import { catalogs, type Namespace } from './catalogs';
import { format, type Lang, type Vars } from './LocaleProvider';

/** Outside components (menus declared in manifests) the namespace is only known at run time. */
export function translate(ns: Namespace, key: string, lang: Lang, vars?: Vars): string {
  const table = catalogs[ns][lang] as Record<string, string>;
  const fallback = catalogs[ns]['zh-CN'] as Record<string, string>;
  return format(table[key] ?? fallback[key] ?? key, vars, lang);
}
