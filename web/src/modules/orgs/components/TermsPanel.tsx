// One organization's terms (届) and their sessions (次会议): create, close, make current.
import { useState } from 'react';
import { Button, Card, Flex, Input, InputNumber, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { orgsApi } from '../../../api/orgs';
import { useT } from '../../../i18n/LocaleProvider';

export function TermsPanel({ organizationId, run }: { organizationId: number; run: (fn: () => Promise<unknown>) => Promise<void> }) {
  const t = useT('orgs');
  const terms = useQuery({ queryKey: ['orgs', 'structure-terms', organizationId], queryFn: () => orgsApi.terms(organizationId) });
  const [number, setNumber] = useState<number | null>(null);
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [opensOn, setOpensOn] = useState<Record<number, string>>({});

  return (
    <Flex vertical gap={8} style={{ marginTop: 8 }} data-testid="terms-panel">
      <Flex wrap gap={8}>
        <InputNumber aria-label={t('structure.termNumber')} placeholder={t('structure.termNumber')} min={1} max={99} value={number} onChange={setNumber} />
        <Input aria-label={t('structure.startsOn')} placeholder={`${t('structure.startsOn')} YYYY-MM-DD`} value={startsOn} onChange={(e) => setStartsOn(e.target.value)} style={{ maxWidth: 200 }} />
        <Input aria-label={t('structure.endsOn')} placeholder={`${t('structure.endsOn')} YYYY-MM-DD`} value={endsOn} onChange={(e) => setEndsOn(e.target.value)} style={{ maxWidth: 200 }} />
        <Button type="primary" onClick={() => void run(() => orgsApi.createTerm({ organizationId, number: number ?? 0, startsOn, endsOn: endsOn || null, current: !terms.data?.some((x) => x.current) }))}>
          {t('structure.newTerm')}
        </Button>
      </Flex>
      {terms.data?.map((term) => (
        <Card
          key={term.id}
          size="small"
          type="inner"
          data-testid={`term-${term.number}`}
          title={`${term.name} ${term.startsOn}${term.endsOn ? ` – ${term.endsOn}` : ''}`}
          extra={term.closedAt ? <Tag>{t('structure.closed')}</Tag> : term.current ? <Tag color="green">{t('structure.current')}</Tag> : null}
        >
          {term.sessions.map((x) => (
            <Flex key={x.id} gap={8} align="center" wrap data-testid={`session-${x.number}`} style={{ marginBottom: 4 }}>
              <span>
                {x.name} {x.opensOn}
              </span>
              {x.closedAt ? <Tag>{t('structure.sessionClosed')}</Tag> : <Button size="small" onClick={() => void run(() => orgsApi.closeSession(x.id))}>{t('structure.closeSession')}</Button>}
            </Flex>
          ))}
          {!term.closedAt && (
            <Flex wrap gap={8} style={{ marginTop: 8 }}>
              <Input
                aria-label={t('structure.opensOn')}
                placeholder={`${t('structure.opensOn')} YYYY-MM-DD`}
                value={opensOn[term.id] ?? ''}
                onChange={(e) => setOpensOn({ ...opensOn, [term.id]: e.target.value })}
                style={{ maxWidth: 200 }}
              />
              <Space wrap>
                <Button onClick={() => void run(() => orgsApi.createSession({ termId: term.id, opensOn: opensOn[term.id] ?? '' }))}>{t('structure.newSession')}</Button>
                {!term.current && <Button onClick={() => void run(() => orgsApi.makeCurrent(term.id))}>{t('structure.makeCurrent')}</Button>}
                <Button danger onClick={() => void run(() => orgsApi.closeTerm(term.id))}>{t('structure.closeTerm')}</Button>
              </Space>
            </Flex>
          )}
        </Card>
      ))}
    </Flex>
  );
}
