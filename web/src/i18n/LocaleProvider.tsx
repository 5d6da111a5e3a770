import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useMediaQuery } from '../shared/useMediaQuery';
import type { catalogs as allCatalogs, Namespace } from './catalogs';
import { format, type Vars } from './format';

export type Lang = 'zh-CN' | 'en';

/**
 * The message tables a tree of pages reads. The office app hands over all of them (catalogs.ts);
 * the resident's pages only their own, so that a phone does not download every module's messages.
 */
export type Catalogs = Partial<typeof allCatalogs>;

const STORAGE_KEY = 'sl_lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

interface LocaleState {
  lang: Lang;
  setLang: (lang: Lang) => void;
  catalogs: Catalogs;
}

const LocaleContext = createContext<LocaleState>({ lang: 'zh-CN', setLang: () => {}, catalogs: {} });

export function LocaleProvider({ catalogs, children }: { catalogs: Catalogs; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Whoever asks their system for less motion gets none: dialogs and lists appear at once, and a
  // clicked button does not ripple (antd's wave runs apart from the motion token).
  const still = useMediaQuery('(prefers-reduced-motion: reduce)');
  const value = useMemo(() => ({ lang, setLang, catalogs }), [lang, setLang, catalogs]);
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider
        locale={lang === 'en' ? enUS : zhCN}
        theme={{ token: { colorPrimary: '#b4232a', motion: !still } }}
        wave={{ disabled: still }}
        // antd would write "登 录": keep labels as written, so they read (and match) as the messages say.
        button={{ autoInsertSpace: false }}
      >
        {children}
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

export type { Vars };
export { format };
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

/** t() for one namespace: `const t = useT('orgs'); t('members.title')`. */
export function useT<N extends Namespace>(ns: N): Translate<keyof (typeof allCatalogs)[N]['zh-CN'] & string> {
  const { lang, catalogs } = useLocale();
  return useCallback(
    (key: string, vars?: Vars) => {
      const table = catalogs[ns]?.[lang] as Record<string, string> | undefined;
      const fallback = catalogs[ns]?.['zh-CN'] as Record<string, string> | undefined;
      return format(table?.[key] ?? fallback?.[key] ?? key, vars, lang);
    },
    [ns, lang, catalogs],
  );
}

/** Server answers carry Chinese and English text side by side (`title` / `title_en`). */
export function pickLang(lang: Lang, zh: string | undefined, en: string | undefined): string {
  if (lang === 'en') return en || zh || '';
  return zh || en || '';
}
