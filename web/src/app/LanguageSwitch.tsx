import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../i18n/LocaleProvider';

/** Shows the other language's own name, so a reader who cannot read this one can still find it. */
export function LanguageSwitch() {
  const { lang, setLang } = useLocale();
  const t = useT('app');
  return (
    <Button
      icon={<GlobalOutlined />}
      title={t('lang.switchTitle')}
      data-testid="lang-switch"
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.other')}
    </Button>
  );
}
