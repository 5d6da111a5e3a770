// A lounge's public page (委员会客厅), phone first and readable without signing in: its confirmed
// star level, the rota of members on duty, upcoming events, and the published questions with the
// answers of the members on duty. Signed in with a public account, a resident asks a question
// (shown once the office publishes it), sees their own questions' states and rates an answer.
// Part of the resident's small app (opinions/resident.tsx), so it uses only antd's controls.
import { useState } from 'react';
import { Button, Input, Rate } from 'antd';
import { loungesApi, type PublicLounge } from '../../api/lounges';
import { useLocale, useT } from '../../i18n/LocaleProvider';
import { Loading } from '../opinions/components/Loading';
import { Notice } from '../opinions/components/Notice';
import { Panel } from '../opinions/components/Panel';
import { PublicFrame } from '../opinions/components/PublicFrame';
import { SignIn } from './SignIn';
import { SECONDARY, usePublicPage, when } from './usePublicPage';

const h4 = { fontSize: 18, margin: '20px 0 8px' } as const;

export default function LoungePage({ id }: { id: string }) {
  const t = useT('halls');
  const { lang } = useLocale();
  const placeId = Number(id);
  const { page, error, note, busy, signedIn, act, signedInNow } = usePublicPage<PublicLounge>(placeId, loungesApi.page);
  const [text, setText] = useState('');

  if (!page && error.length === 0) return <Loading />;
  if (!page) return <PublicFrame title={t('lounge.title')}><Notice type="error" lines={error} /></PublicFrame>;
  return (
    <PublicFrame title={page.lounge.name}>
      <h3 style={{ margin: '0 0 4px', fontSize: 24, fontWeight: 600 }}>{page.lounge.name}</h3>
      <p style={{ margin: '0 0 8px', color: SECONDARY }}>{page.lounge.organizationName}</p>
      {page.star && (
        <p style={{ margin: '0 0 14px' }} data-testid="lounge-star" aria-label={t('lounge.starLabel', { year: page.star.year, level: page.star.level })}>
          <span style={{ color: '#faad14', fontSize: 20 }}>{'★'.repeat(page.star.level)}</span> {t('lounge.starLabel', { year: page.star.year, level: page.star.level })}
        </p>
      )}
      <Notice type="error" lines={error} />
      {note && <Notice type="info" lines={[note]} />}

      <h4 style={h4}>{t('lounge.rota')}</h4>
      {page.rota.length === 0 && <p style={{ color: SECONDARY }}>{t('lounge.noRota')}</p>}
      {page.rota.map((r) => (
        <p key={r.id} style={{ margin: '0 0 4px' }}>
          {r.member} · {r.from} – {r.to}{r.onDuty && <strong style={{ color: '#52c41a' }}> · {t('lounge.onDuty')}</strong>}
        </p>
      ))}

      <h4 style={h4}>{t('lounge.ask')}</h4>
      {signedIn ? (
        <Panel>
          <Input.TextArea rows={3} maxLength={1000} aria-label={t('lounge.question')} placeholder={t('lounge.question')} value={text} onChange={(e) => setText(e.target.value)} />
          <Button type="primary" block size="large" style={{ marginTop: 8 }} loading={busy}
            onClick={() => void act(() => loungesApi.ask(placeId, text), t('lounge.asked')).then((ok) => ok && setText(''))}>{t('lounge.submit')}</Button>
        </Panel>
      ) : (
        <SignIn prompt={t('lounge.signIn')} back={`/lounge/${placeId}`} onDone={signedInNow} />
      )}
      {page.mine.length > 0 && (
        <>
          <h4 style={h4}>{t('lounge.mine')}</h4>
          {page.mine.map((q) => (
            <div key={q.id} style={{ marginBottom: 8 }}>
              <Panel>
                <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{q.text}</p>
                <p style={{ margin: '4px 0 0', color: SECONDARY }}>{t(`lounge.q.state.${q.state}`)}{q.rejectReason && `：${q.rejectReason}`}</p>
                {q.state === 'answered' && (q.rating === null
                  ? <div>{t('lounge.rateAnswer')} <Rate onChange={(v) => void act(() => loungesApi.rate(q.id, v), t('lounge.rated'))} /></div>
                  : <Rate disabled value={q.rating} />)}
              </Panel>
            </div>
          ))}
        </>
      )}

      {page.events.length > 0 && <h4 style={h4}>{t('lounge.events')}</h4>}
      {page.events.map((e) => (
        <div key={e.id} style={{ marginBottom: 8 }}>
          <Panel>
            <strong>{e.title}</strong>
            <div style={{ color: SECONDARY }}>{e.theme} · {when(e.startsAt, lang)}</div>
          </Panel>
        </div>
      ))}

      <h4 style={h4}>{t('lounge.questions')}</h4>
      {page.questions.length === 0 && <p style={{ color: SECONDARY }}>{t('lounge.noQuestions')}</p>}
      {page.questions.map((q) => (
        <div key={q.id} style={{ marginBottom: 10 }} data-testid="lounge-question">
          <Panel>
            <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{q.text}</p>
            {q.answer ? (
              <p style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap', color: '#555' }}>
                <strong>{t('lounge.answeredBy', { name: q.answeredBy ?? '' })}</strong>{q.answer}
              </p>
            ) : (
              <p style={{ margin: '6px 0 0', color: SECONDARY }}>{t('lounge.waiting')}</p>
            )}
          </Panel>
        </div>
      ))}
    </PublicFrame>
  );
}
