// Where a member or an invited resident lands after scanning a session's QR code at the venue,
// phone first: signing in where they stand if needed, the session, one button, then the result.
// Part of the resident's small app (opinions/resident.tsx), so it uses only antd's controls; the
// meetings' check-in page (consultations/pages/CheckinPage.tsx) follows the same steps.
import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { ApiError, setUnauthenticatedHandler } from '../../api/client';
import { problemMessage } from '../../api/errors';
import { hallsApi, type CheckinPreview } from '../../api/halls';
import { loungesApi } from '../../api/lounges';
import { useLocale, useT } from '../../i18n/LocaleProvider';
import { Loading } from '../opinions/components/Loading';
import { Notice } from '../opinions/components/Notice';
import { Panel } from '../opinions/components/Panel';
import { PublicFrame } from '../opinions/components/PublicFrame';
import { SignIn } from './SignIn';

const when = (at: string, lang: string) => new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });

/** `lounge`: a lounge event's code (/lounge/checkin/<token>) rather than a session's. */
export default function CheckinPage({ token, lounge = false }: { token: string; lounge?: boolean }) {
  const source = lounge ? loungesApi : hallsApi;
  const t = useT('halls');
  const { lang } = useLocale();
  const [signedIn, setSignedIn] = useState(true);
  const [preview, setPreview] = useState<CheckinPreview | null>(null);
  const [done, setDone] = useState<{ checkedInAt: string; already: boolean } | null>(null);
  const [error, setError] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setError([]);
    try {
      setPreview(await source.checkinPreview(token));
    } catch (e) {
      // The preview is a courtesy: without it the button still works and the server says why.
      if (!(e instanceof ApiError && e.status === 401)) setError([problemMessage(e, lang)]);
    }
  };
  useEffect(() => {
    // On this page a 401 means "sign in here", not a trip to the office app's login.
    setUnauthenticatedHandler(() => setSignedIn(false));
    void load();
  }, [token]);

  const checkIn = async () => {
    setBusy(true);
    setError([]);
    try {
      setDone(await source.checkin(token));
    } catch (e) {
      setError([problemMessage(e, lang)]);
    } finally {
      setBusy(false);
    }
  };

  if (!signedIn)
    return (
      <PublicFrame title={t('checkin.title')}>
        <h3 style={{ margin: '0 0 12px', fontSize: 20, fontWeight: 600 }}>{t('checkin.title')}</h3>
        <SignIn prompt={t('checkin.signIn')} back={`/${lounge ? 'lounge' : 'hall'}/checkin/${token}`} onDone={() => { setSignedIn(true); void load(); }} />
      </PublicFrame>
    );
  if (!preview && error.length === 0) return <Loading />;
  const checkedInAt = done?.checkedInAt ?? preview?.checkedInAt ?? null;
  return (
    <PublicFrame title={t('checkin.title')}>
      <h3 style={{ margin: '0 0 12px', fontSize: 20, fontWeight: 600 }}>{t('checkin.title')}</h3>
      <Panel testId="hall-checkin">
        {preview && (
          <div style={{ marginBottom: 16 }}>
            <p style={{ margin: '0 0 4px', fontSize: 16, fontWeight: 600 }} data-testid="checkin-topic">{preview.title}</p>
            <p style={{ margin: 0 }}>{t('checkin.time', { from: when(preview.startsAt, lang), to: when(preview.endsAt, lang) })}</p>
            {preview.place && <p style={{ margin: 0 }}>{t('checkin.place', { place: preview.place })}</p>}
            <p style={{ margin: 0, color: 'rgba(0, 0, 0, 0.45)' }}>{t('checkin.window', { from: when(preview.opensAt, lang), to: when(preview.endsAt, lang) })}</p>
          </div>
        )}
        {checkedInAt ? (
          <div role="status" style={{ textAlign: 'center', padding: '8px 0' }}>
            <p style={{ margin: 0, fontSize: 22, fontWeight: 600, color: '#52c41a' }} data-testid="checkin-done">{done?.already || (!done && preview?.checkedInAt) ? t('checkin.already') : t('checkin.done')}</p>
            <p style={{ margin: '4px 0 0' }}>{t('checkin.at', { at: when(checkedInAt, lang) })}</p>
          </div>
        ) : (
          <>
            {preview && !preview.invited && <Notice type="info" lines={[t('checkin.notInvited')]} />}
            {preview && !preview.open && preview.reason && <Notice type="info" lines={[lang === 'en' ? preview.reason.en : preview.reason.zh]} />}
            <Notice type="error" lines={error} />
            <Button type="primary" size="large" block loading={busy} onClick={() => void checkIn()} data-testid="checkin-button">{t('checkin.button')}</Button>
          </>
        )}
      </Panel>
    </PublicFrame>
  );
}
