// Organizations below the caller's own (create, retire) and, per organization, its terms and
// sessions (create, close, make current). Cards stack on a phone.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, InputNumber, Select, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { orgsApi } from '../../../api/orgs';
import type { OrgLevel } from '../../../api/types';
import { useT } from '../../../i18n/LocaleProvider';
import { PageHeader } from '../../../shared/PageHeader';

const CHILD: Record<OrgLevel, OrgLevel[]> = { national: ['province'], province: ['city', 'county'], city: ['county'], county: [] };

export default function StructurePage() {
  const t = useT('orgs');
  const qc = useQueryClient();
  const orgs = useQuery({ queryKey: ['orgs', 'structure'], queryFn: () => orgsApi.organizations() });
  const [selected, setSelected] = useState<number | undefined>();
  const terms = useQuery({ queryKey: ['orgs', 'structure-terms', selected], queryFn: () => orgsApi.terms(selected), enabled: selected !== undefined });
  const [error, setError] = useState<string>();
  const [name, setName] = useState('');
  const [level, setLevel] = useState<OrgLevel>();
  const [parent, setParent] = useState<number>();
  const [termNo, setTermNo] = useState<number | null>(null);
  const [startsOn, setStartsOn] = useState('');
  const [opensOn, setOpensOn] = useState('');

  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: ['orgs'] });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const parentLevel = orgs.data?.find((o) => o.id === parent)?.level;

  return (
    <>
      <PageHeader title={t('structure.title')} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Card title={t('structure.create')} size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8}>
          <Select aria-label="parent" style={{ minWidth: 200 }} value={parent} onChange={setParent} options={orgs.data?.map((o) => ({ value: o.id, label: o.name }))} />
          <Select aria-label={t('structure.level')} style={{ minWidth: 120 }} value={level} onChange={setLevel} options={(parentLevel ? CHILD[parentLevel]! : []).map((l) => ({ value: l, label: t(`structure.level.${l}`) }))} />
          <Input aria-label={t('structure.name')} placeholder={t('structure.name')} value={name} onChange={(e) => setName(e.target.value)} style={{ maxWidth: 240 }} />
          <Button type="primary" onClick={() => void run(() => orgsApi.createOrganization({ name, level: level!, parentId: parent! }))}>{t('structure.create')}</Button>
        </Flex>
      </Card>
      <Flex vertical gap={8}>
        {orgs.data?.map((o) => (
          <Card key={o.id} size="small" title={o.name} extra={<Tag>{t(`structure.level.${o.level}`)}</Tag>}>
            <Space wrap>
              <Button onClick={() => setSelected(o.id)}>{t('structure.terms')}</Button>
              {o.parentId !== null && <Button danger onClick={() => void run(() => orgsApi.retireOrganization(o.id))}>{t('structure.retire')}</Button>}
            </Space>
            {selected === o.id && (
              <Flex vertical gap={8} style={{ marginTop: 8 }}>
                <Flex wrap gap={8}>
                  <InputNumber aria-label={t('structure.termNumber')} placeholder={t('structure.termNumber')} min={1} value={termNo} onChange={setTermNo} />
                  <Input aria-label={t('structure.startsOn')} placeholder={`${t('structure.startsOn')} YYYY-MM-DD`} value={startsOn} onChange={(e) => setStartsOn(e.target.value)} style={{ maxWidth: 200 }} />
                  <Button onClick={() => void run(() => orgsApi.createTerm({ organizationId: o.id, number: termNo ?? 0, startsOn, current: true }))}>{t('structure.newTerm')}</Button>
                </Flex>
                {terms.data?.map((term) => (
                  <Card key={term.id} size="small" type="inner" title={term.name} extra={term.closedAt ? <Tag>{t('structure.closed')}</Tag> : term.current ? <Tag color="green">{t('structure.current')}</Tag> : null}>
                    {term.sessions.map((x) => (
                      <Flex key={x.id} gap={8} align="center" wrap>
                        <span>{x.name} {x.opensOn}</span>
                        {x.closedAt ? <Tag>{t('structure.closed')}</Tag> : <Button size="small" onClick={() => void run(() => orgsApi.closeSession(x.id))}>{t('structure.close')}</Button>}
                      </Flex>
                    ))}
                    {!term.closedAt && (
                      <Flex wrap gap={8} style={{ marginTop: 8 }}>
                        <Input aria-label={t('structure.opensOn')} placeholder={`${t('structure.opensOn')} YYYY-MM-DD`} value={opensOn} onChange={(e) => setOpensOn(e.target.value)} style={{ maxWidth: 200 }} />
                        <Button onClick={() => void run(() => orgsApi.createSession({ termId: term.id, opensOn }))}>{t('structure.newSession')}</Button>
                        {!term.current && <Button onClick={() => void run(() => orgsApi.makeCurrent(term.id))}>{t('structure.makeCurrent')}</Button>}
                        <Button danger onClick={() => void run(() => orgsApi.closeTerm(term.id))}>{t('structure.close')}</Button>
                      </Flex>
                    )}
                  </Card>
                ))}
              </Flex>
            )}
          </Card>
        ))}
      </Flex>
    </>
  );
}
