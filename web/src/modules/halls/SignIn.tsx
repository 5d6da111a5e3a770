// Signing in on the resident's pages, in place: a hall's page and the session check-in page ask
// for the account where the person stands rather than sending them to the office app's login.
import { useState, type FormEvent } from 'react';
import { Button, Input } from 'antd';
import { problemMessage } from '../../api/errors';
import { authApi } from '../../api/auth';
import { useLocale, useT } from '../../i18n/LocaleProvider';
import { Notice } from '../opinions/components/Notice';
import { Panel } from '../opinions/components/Panel';

/** `prompt` says what signing in is for; `back` is where registration returns to. */
export function SignIn({ prompt, back, onDone }: { prompt: string; back: string; onDone: () => void }) {
  const t = useT('halls');
  const { lang } = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string[]>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await authApi.login({ username, password });
      onDone();
    } catch (err) {
      setError([problemMessage(err, lang)]);
    }
  };
  return (
    <Panel testId="hall-signin">
      <form onSubmit={(e) => void submit(e)}>
        <p style={{ margin: '0 0 8px' }}>{prompt}</p>
        <Notice type="error" lines={error} />
        <Input aria-label={t('hall.username')} placeholder={t('hall.username')} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} style={{ marginBottom: 8 }} />
        <Input.Password aria-label={t('hall.password')} placeholder={t('hall.password')} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} style={{ marginBottom: 8 }} />
        <Button type="primary" htmlType="submit" block>{t('hall.login')}</Button>
        <a href={`/register?next=${encodeURIComponent(back)}`} style={{ display: 'block', marginTop: 8 }}>{t('hall.register')}</a>
      </form>
    </Panel>
  );
}
