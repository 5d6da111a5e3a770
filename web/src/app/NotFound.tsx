import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/LocaleProvider';

export function NotFound() {
  const t = useT('app');
  return (
    <Result status="404" title="404" subTitle={t('common.notFound')} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />
  );
}
