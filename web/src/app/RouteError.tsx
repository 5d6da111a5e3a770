import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { useT } from '../i18n/LocaleProvider';

/** A page that throws shows this instead of a blank screen; reloading usually recovers. */
export function RouteError() {
  const error = useRouteError();
  const t = useT('app');
  console.error(error);
  return (
    <Result
      status="error"
      title={t('common.pageError')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
