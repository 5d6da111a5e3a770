import { useState, type FormEvent } from 'react';
import { Button, Input, Select } from 'antd';
import { deviceId, opinionsApi } from '../../../api/opinions';
import { fieldErrors, problemMessage } from '../../../api/errors';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { solveChallenge } from '../../../shared/pow';
import { CopyButton } from '../components/CopyButton';
import { describedBy, Field } from '../components/Field';
import { Loading } from '../components/Loading';
import { Notice } from '../components/Notice';
import { Outcome } from '../components/Outcome';
import { Panel } from '../components/Panel';
import { PhotoPicker } from '../components/PhotoPicker';
import { PublicFrame } from '../components/PublicFrame';
import { useAnswer } from '../components/useAnswer';
import { go } from '../residentNav';

interface Values {
  text: string;
  category?: string;
  name: string;
  phone: string;
}
type Name = keyof Values;
type Phase = { kind: 'form' } | { kind: 'verifying'; share: number } | { kind: 'sending' } | { kind: 'done'; trackingCode: string };

const FIELDS: readonly Name[] = ['text', 'category', 'name', 'phone'];
const EMPTY: Values = { text: '', name: '', phone: '' };
const PHONE = /^1[3-9][0-9]{9}$/;
const SECONDARY = 'rgba(0, 0, 0, 0.45)';
/** Places where residents also propose topics for deliberation (the halls module's page). */
const HALL_KINDS = ['hall', 'station', 'studio', 'lounge'];

/**
 * The page a resident's phone opens from a place's QR code: no account, one column. It is the
 * page of the resident's small app (resident.tsx), often opened on a slow mobile network, so of
 * antd it uses only the controls (Input, Select, Button); the fields, notes and outcome are its own.
 */
export default function ScanPage({ code }: { code: string }) {
  const t = useT('opinions');
  const ta = useT('app');
  const { lang } = useLocale();
  const [values, setValues] = useState<Values>(EMPTY);
  const [invalid, setInvalid] = useState<Partial<Record<Name, string>>>({});
  const [photos, setPhotos] = useState<File[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [errors, setErrors] = useState<string[]>([]);
  const page = useAnswer(() => opinionsApi.qr(code), code);

  if (page.loading) return <Loading />;
  if (!page.data)
    return (
      <PublicFrame title={t('scan.unknown')}>
        <Outcome status="warning" title={t('scan.unknown')} subTitle={<Notice type="error" lines={[problemMessage(page.error, lang)]} />} />
      </PublicFrame>
    );
  const { place, categories, limits } = page.data;

  // The checks antd's Form ran: a field as it changes, every field on submit.
  const problem = (name: Name, v: Values): string | undefined => {
    if (name === 'text' && !v.text.trim()) return ta('common.required');
    if (name === 'category' && !v.category) return ta('common.required');
    if (name === 'phone' && v.phone && !PHONE.test(v.phone)) return t('scan.phoneInvalid');
    return undefined;
  };
  const change = (name: Name, value: string) => {
    const next = { ...values, [name]: value };
    setValues(next);
    setInvalid((e) => ({ ...e, [name]: problem(name, next) }));
  };

  const submit = async () => {
    setErrors([]);
    try {
      // A challenge is spent once and expires: each attempt asks for a fresh one.
      const fresh = await opinionsApi.qr(code);
      setPhase({ kind: 'verifying', share: 0 });
      const solution = await solveChallenge(fresh.challenge, (share) => setPhase({ kind: 'verifying', share }));
      setPhase({ kind: 'sending' });
      const body = new FormData();
      body.append('text', values.text);
      body.append('category', values.category!);
      if (values.name.trim()) body.append('name', values.name.trim());
      if (values.phone.trim()) body.append('phone', values.phone.trim());
      body.append('deviceId', deviceId());
      body.append('challenge', fresh.challenge.token);
      body.append('solution', solution);
      photos.forEach((p) => body.append('photo', p, p.name));
      const { trackingCode } = await opinionsApi.submitResident(code, body);
      setPhase({ kind: 'done', trackingCode });
    } catch (e) {
      const { byField, rest } = fieldErrors(e, lang, FIELDS);
      setInvalid(Object.fromEntries([...byField].map(([name, messages]) => [name, messages.join('\n')])));
      setErrors(rest);
      setPhase({ kind: 'form' });
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = Object.fromEntries(FIELDS.map((name) => [name, problem(name, values)]));
    setInvalid(found);
    if (!Object.values(found).some(Boolean)) void submit();
  };

  if (phase.kind === 'done') {
    const trackUrl = `/track/${phase.trackingCode}`;
    const again = () => {
      setValues(EMPTY);
      setInvalid({});
      setPhotos([]);
      setPhase({ kind: 'form' });
    };
    return (
      <PublicFrame title={place.name}>
        <Panel>
          <Outcome status="success" title={t('scan.done')} subTitle={t('scan.codeHelp')}>
            <div style={{ color: SECONDARY }}>{t('scan.codeLabel')}</div>
            <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', gap: 4, margin: '8px 0 16px' }}>
              <strong data-testid="tracking-code" style={{ fontSize: 30, fontWeight: 600, letterSpacing: 2 }}>
                {phase.trackingCode}
              </strong>
              <CopyButton text={phase.trackingCode} label={t('scan.copy')} doneLabel={t('scan.copied')} />
            </div>
            <Button type="primary" size="large" block href={trackUrl} onClick={(e) => { e.preventDefault(); go(trackUrl); }}>
              {t('scan.track')}
            </Button>
            <Button type="link" onClick={again} style={{ marginTop: 8 }}>
              {t('scan.another')}
            </Button>
          </Outcome>
        </Panel>
      </PublicFrame>
    );
  }

  const busy = phase.kind !== 'form';
  const status = (name: Name) => (invalid[name] ? 'error' : undefined);
  return (
    <PublicFrame title={place.name}>
      <h3 style={{ margin: '0 0 4px', fontSize: 24, fontWeight: 600, lineHeight: 1.33 }}>{place.name}</h3>
      <p style={{ margin: '0 0 14px', color: SECONDARY }}>
        {place.organizationName} · {t('scan.slogan')}
      </p>
      {HALL_KINDS.includes(place.kind) && (
        <div style={{ display: 'flex', gap: 8, marginBottom: 14 }}>
          <Button type="primary" style={{ flex: 1 }} aria-pressed>
            {t('scan.reportChoice')}
          </Button>
          <Button style={{ flex: 1 }} href={`/hall/${place.id}`} onClick={(e) => { e.preventDefault(); go(`/hall/${place.id}`); }}>
            {t('scan.topicChoice')}
          </Button>
        </div>
      )}
      <Panel>
        <Notice type="error" lines={errors} />
        <form onSubmit={onSubmit} noValidate>
          <Field id="text" label={t('scan.text')} error={invalid.text}>
            <Input.TextArea
              id="text"
              rows={6}
              maxLength={limits.maxText}
              showCount
              placeholder={t('scan.textPlaceholder')}
              value={values.text}
              onChange={(e) => change('text', e.target.value)}
              status={status('text')}
              disabled={busy}
              {...describedBy('text', invalid.text)}
            />
          </Field>
          <Field id="category" label={t('scan.category')} error={invalid.category}>
            <Select
              id="category"
              options={categories.map((c) => ({ value: c.value, label: pickLang(lang, c.zh, c.en) }))}
              placeholder={t('scan.category')}
              value={values.category}
              onChange={(v: string) => change('category', v)}
              status={status('category')}
              disabled={busy}
              style={{ width: '100%' }}
              {...describedBy('category', invalid.category)}
            />
          </Field>
          <Field label={t('scan.photos', { n: limits.maxPhotos })}>
            <PhotoPicker value={photos} onChange={setPhotos} max={limits.maxPhotos} maxBytes={limits.maxPhotoBytes} disabled={busy} />
          </Field>
          <Field id="name" label={t('scan.name')} error={invalid.name}>
            <Input id="name" maxLength={30} autoComplete="name" value={values.name} onChange={(e) => change('name', e.target.value)} status={status('name')} disabled={busy} {...describedBy('name', invalid.name)} />
          </Field>
          <Field id="phone" label={t('scan.phone')} error={invalid.phone}>
            <Input
              id="phone"
              inputMode="numeric"
              maxLength={11}
              autoComplete="tel"
              value={values.phone}
              onChange={(e) => change('phone', e.target.value)}
              status={status('phone')}
              disabled={busy}
              {...describedBy('phone', invalid.phone)}
            />
          </Field>
          <Notice type="info" lines={[t('scan.privacy')]} />
          {phase.kind === 'verifying' && (
            <div role="status" style={{ marginBottom: 12 }}>
              {t('scan.verifying')}
              <progress value={phase.share} max={1} style={{ display: 'block', width: '100%' }} />
            </div>
          )}
          {phase.kind === 'sending' && <p role="status">{t('scan.sending')}</p>}
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {t('scan.submit')}
          </Button>
        </form>
      </Panel>
    </PublicFrame>
  );
}
