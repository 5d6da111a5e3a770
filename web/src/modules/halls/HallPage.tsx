// A hall's public page, phone first and readable without signing in: its topics with support
// counts and states (a declined topic with its reason), its sessions with their record, and the
// approved ratings. Signed in, a resident proposes a topic, supports one and rates a closed one.
// Part of the resident's small app (opinions/resident.tsx), so it uses only antd's controls.
import { useEffect, useState, type FormEvent } from 'react';
import { Button, Input } from 'antd';
import { hallsApi, type HallTopic, type PublicHall } from '../../api/halls';
import { useLocale, useT } from '../../i18n/LocaleProvider';
import { Loading } from '../opinions/components/Loading';
import { Notice } from '../opinions/components/Notice';
import { Panel } from '../opinions/components/Panel';
import { PublicFrame } from '../opinions/components/PublicFrame';
import { SignIn } from './SignIn';
import { SECONDARY, usePublicPage, when } from './usePublicPage';

export default function HallPage({ id }: { id: string }) {
  const t = useT('halls');
  const { lang } = useLocale();
  const placeId = Number(id);
  const { page, error, note, signedIn, act, signedInNow } = usePublicPage<PublicHall>(placeId, hallsApi.page);
  const [activities, setActivities] = useState<Awaited<ReturnType<typeof hallsApi.activities>>>([]);
  useEffect(() => {
    hallsApi.activities(placeId).then(setActivities, () => setActivities([]));
  }, [placeId]);

  if (!page && error.length === 0) return <Loading />;
  if (!page) return <PublicFrame title={t('hall.title')}><Notice type="error" lines={error} /></PublicFrame>;
  const upcoming = page.sessions.filter((s) => s.state === 'notice_published');
  const past = page.sessions.filter((s) => s.state === 'held' || s.state === 'closed');
  return (
    <PublicFrame title={page.place.name}>
      <h3 style={{ margin: '0 0 4px', fontSize: 24, fontWeight: 600 }}>{page.place.name}</h3>
      <p style={{ margin: '0 0 14px', color: SECONDARY }}>{page.place.organizationName}</p>
      <Notice type="error" lines={error} />
      {note && <Notice type="info" lines={[note]} />}
      {signedIn ? <ProposeForm placeId={placeId} onSubmit={(v) => act(() => hallsApi.raise(placeId, v), t('hall.submitted'))} /> : <SignIn prompt={t('hall.signIn')} back={`/hall/${placeId}`} onDone={signedInNow} />}
      <h4 style={{ fontSize: 18, margin: '20px 0 8px' }}>{t('hall.topics')}</h4>
      {page.topics.length === 0 && <p style={{ color: SECONDARY }}>{t('hall.none')}</p>}
      {page.topics.map((topic) => (
        <TopicCard key={topic.id} topic={topic} signedIn={signedIn}
          onSupport={() => act(() => (topic.supported ? hallsApi.withdraw(topic.id) : hallsApi.support(topic.id)))}
          onRate={(stars, comment) => act(() => hallsApi.rate(topic.id, { stars, ...(comment ? { comment } : {}) }), t('hall.rated'))} />
      ))}
      {(upcoming.length > 0 || past.length > 0) && <h4 style={{ fontSize: 18, margin: '20px 0 8px' }}>{t('hall.sessions')}</h4>}
      {[...upcoming, ...past].map((s) => (
        <div key={s.id} style={{ marginBottom: 12 }} data-testid="hall-session">
          <Panel>
            <strong>{s.title}</strong>
            <div style={{ color: SECONDARY }}>
              {s.state === 'notice_published' ? t('hall.upcoming') : t('hall.past')} · {when(s.startsAt, lang)}
              {s.convener && ` · ${t('hall.convener', { name: s.convener })}`}
            </div>
            <ul style={{ paddingLeft: 20, margin: '8px 0' }}>
              {s.topicIds.map((tid) => <li key={tid}>{page.topics.find((x) => x.id === tid)?.title}</li>)}
            </ul>
            {s.minutes && (
              <div>
                <strong>{t('hall.minutes')}</strong>
                <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.minutes}</p>
              </div>
            )}
            {s.photos.length > 0 && (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}>
                {s.photos.map((p) => <img key={p.id} src={`/api/halls/sessions/${s.id}/files/${p.id}`} alt={p.name} loading="lazy" style={{ width: 120, height: 90, objectFit: 'cover', borderRadius: 4 }} />)}
              </div>
            )}
            {s.speakers.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <strong>{t('hall.speakers')}</strong>
                {s.speakers.map((sp, i) => <p key={i} style={{ margin: '4px 0 0' }}>{sp.name}：{sp.summary}</p>)}
              </div>
            )}
            {s.suggestions.length > 0 && (
              <div style={{ marginTop: 8 }} data-testid="hall-session-suggestions">
                <strong>{t('hall.suggestions')}</strong>
                {s.suggestions.map((sg) => (
                  <div key={sg.id} style={{ margin: '6px 0 0' }}>
                    <p style={{ margin: 0 }}>
                      {sg.title}（{t(sg.adopted === true ? 'hall.suggestionAdopted' : sg.adopted === false ? 'hall.suggestionNotAdopted' : sg.answers.length ? 'hall.suggestionAnswered' : 'hall.suggestionHandling')}）
                    </p>
                    {sg.answers.map((a, i) => <p key={i} style={{ margin: '2px 0 0', color: '#555', whiteSpace: 'pre-wrap' }}>{a.unitName}：{a.answer}</p>)}
                  </div>
                ))}
              </div>
            )}
          </Panel>
        </div>
      ))}
      {activities.length > 0 && (
        <>
          <h4 style={{ fontSize: 18, margin: '20px 0 8px' }}>{t('act.title')}</h4>
          <Panel testId="hall-activities">
            {activities.map((a) => (
              <p key={a.id} style={{ margin: '4px 0' }}>
                {a.heldOn} · {t(`act.${a.kind}`)} · {a.title}
                {a.members.length > 0 && <span style={{ color: SECONDARY }}> （{a.members.join('、')}）</span>}
              </p>
            ))}
          </Panel>
        </>
      )}
    </PublicFrame>
  );
}

function TopicCard({ topic, signedIn, onSupport, onRate }: { topic: HallTopic; signedIn: boolean; onSupport: () => Promise<boolean>; onRate: (stars: number, comment: string) => Promise<boolean> }) {
  const t = useT('halls');
  const [stars, setStars] = useState(5);
  const [comment, setComment] = useState('');
  const open = topic.state === 'open' || topic.state === 'adopted';
  return (
    <div style={{ marginBottom: 12 }} data-testid="hall-topic">
      <Panel>
        <strong>{topic.title}</strong>
        <span style={{ marginLeft: 8, color: '#b4232a' }}>{t(`hall.state.${topic.state}`)}</span>
        <p style={{ whiteSpace: 'pre-wrap', margin: '6px 0' }}>{topic.text}</p>
        {topic.declineReason && <p style={{ color: SECONDARY, margin: 0 }}>{t('hall.declineReason', { reason: topic.declineReason })}</p>}
        {topic.mergedInto && <p style={{ color: SECONDARY, margin: 0 }}>{t('hall.mergedInto', { id: topic.mergedInto })}</p>}
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginTop: 8 }}>
          <span data-testid="hall-supports">{t('hall.supports', { n: topic.supports })}</span>
          {signedIn && open && <Button size="small" onClick={() => void onSupport()}>{topic.supported ? t('hall.withdraw') : t('hall.support')}</Button>}
          {topic.rating !== null && <span>{t('hall.rating', { stars: topic.rating })}</span>}
        </div>
        {topic.comments.map((c, i) => <p key={i} style={{ color: SECONDARY, margin: '4px 0 0' }}>{'★'.repeat(c.stars)} {c.comment}</p>)}
        {signedIn && topic.state === 'closed' && (
          <form style={{ marginTop: 8 }} onSubmit={(e) => { e.preventDefault(); void onRate(stars, comment.trim()); }}>
            <label>
              {t('hall.stars')}{' '}
              <select value={stars} onChange={(e) => setStars(Number(e.target.value))}>
                {[5, 4, 3, 2, 1].map((n) => <option key={n} value={n}>{'★'.repeat(n)}</option>)}
              </select>
            </label>
            <Input style={{ margin: '6px 0' }} maxLength={500} placeholder={t('hall.comment')} aria-label={t('hall.comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
            <Button htmlType="submit" size="small">{t('hall.rate')}</Button>
          </form>
        )}
      </Panel>
    </div>
  );
}

function ProposeForm({ placeId, onSubmit }: { placeId: number; onSubmit: (v: { title: string; text: string }) => Promise<boolean> }) {
  const t = useT('halls');
  const [similar, setSimilar] = useState<{ id: number; title: string; state: HallTopic['state'] }[]>([]);
  // Earlier topics like this one, looked up when the writer leaves the text field.
  const lookUp = () => {
    const q = `${title} ${text}`.trim();
    if (q.length >= 4) hallsApi.similar(placeId, q.slice(0, 2000)).then(setSimilar, () => setSimilar([]));
  };
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !text.trim()) return setMissing(true);
    setMissing(false);
    if (await onSubmit({ title: title.trim(), text: text.trim() })) {
      setTitle('');
      setText('');
    }
  };
  return (
    <Panel testId="hall-propose">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h4 style={{ fontSize: 16, margin: '0 0 8px' }}>{t('hall.propose')}</h4>
        <label htmlFor="topic-title">{t('hall.topicTitle')}</label>
        <Input id="topic-title" maxLength={100} value={title} onChange={(e) => setTitle(e.target.value)} style={{ margin: '4px 0 10px' }} />
        <label htmlFor="topic-text">{t('hall.topicText')}</label>
        <Input.TextArea id="topic-text" maxLength={2000} rows={4} value={text} onChange={(e) => setText(e.target.value)} onBlur={lookUp} style={{ margin: '4px 0 10px' }} />
        {similar.length > 0 && (
          <div data-testid="hall-similar" style={{ marginBottom: 10, color: SECONDARY }}>
            {t('hall.similar')}
            <ul style={{ paddingLeft: 20, margin: '4px 0' }}>
              {similar.map((x) => <li key={x.id}>{x.title} · {t(`hall.state.${x.state}`)}</li>)}
            </ul>
          </div>
        )}
        {missing && <Notice type="error" lines={[t('hall.required')]} />}
        <Button type="primary" htmlType="submit" block>{t('hall.submit')}</Button>
      </form>
    </Panel>
  );
}
