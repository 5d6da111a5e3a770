// The caller's organizations as a tree: create one below, rename, retire; and each one's terms
// and sessions. Cards stack, so the page works on a phone.
import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { orgsApi } from '../../../api/orgs';
import type { OrgLevel, Organization } from '../../../api/types';
import { hasAnyRole, useMe } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { TermsPanel } from '../components/TermsPanel';

/** The same rule as the server's (orgs/service.ts): which levels sit under which. */
const CHILD: Record<OrgLevel, OrgLevel[]> = { national: ['province'], province: ['city', 'county'], city: ['county'], county: [] };

/** Organizations in tree order, each with its depth. */
function inTreeOrder(orgs: Organization[]): { org: Organization; depth: number }[] {
  const ids = new Set(orgs.map((o) => o.id));
  const out: { org: Organization; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const o of orgs.filter((x) => (parent === null ? x.parentId === null || !ids.has(x.parentId) : x.parentId === parent))) {
      out.push({ org: o, depth });
      walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export default function StructurePage() {
  const t = useT('orgs');
  const me = useMe();
  const isAdmin = hasAnyRole(me, ['admin']);
  const qc = useQueryClient();
  const orgs = useQuery({ queryKey: ['orgs', 'structure'], queryFn: () => orgsApi.organizations() });
  const [open, setOpen] = useState<number>();
  const [adding, setAdding] = useState<number>();
  const [editing, setEditing] = useState<number>();
  const [name, setName] = useState('');
  const [level, setLevel] = useState<OrgLevel>();
  const [error, setError] = useState<unknown>();

  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: ['orgs'] });
      setAdding(undefined);
      setEditing(undefined);
    } catch (e) {
      setError(e);
    }
  };
  const startAdding = (o: Organization) => {
    setAdding(o.id);
    setEditing(undefined);
    setName('');
    setLevel(CHILD[o.level][0]);
  };
  const startEditing = (o: Organization) => {
    setEditing(o.id);
    setAdding(undefined);
    setName(o.name);
  };

  return (
    <>
      <PageHeader title={t('structure.title')} />
      <ErrorAlert error={error} />
      <Flex vertical gap={8}>
        {inTreeOrder(orgs.data ?? []).map(({ org: o, depth }) => (
          <Card
            key={o.id}
            size="small"
            data-testid={`org-${o.id}`}
            style={{ marginLeft: Math.min(depth, 3) * 16 }}
            title={o.name}
            extra={<Tag>{t(`structure.level.${o.level}`)}</Tag>}
          >
            <Space wrap>
              <Button onClick={() => setOpen(open === o.id ? undefined : o.id)}>{t('structure.terms')}</Button>
              {isAdmin && CHILD[o.level].length > 0 && <Button onClick={() => startAdding(o)}>{t('structure.create')}</Button>}
              {isAdmin && <Button onClick={() => startEditing(o)}>{t('structure.edit')}</Button>}
              {isAdmin && depth > 0 && (
                <Button danger onClick={() => void run(() => orgsApi.retireOrganization(o.id))}>
                  {t('structure.retire')}
                </Button>
              )}
            </Space>
            {(adding === o.id || editing === o.id) && (
              <Flex wrap gap={8} style={{ marginTop: 8 }}>
                {adding === o.id && (
                  <Select aria-label={t('structure.level')} style={{ minWidth: 120 }} value={level} onChange={setLevel} options={CHILD[o.level].map((l) => ({ value: l, label: t(`structure.level.${l}`) }))} />
                )}
                <Input aria-label={t('structure.name')} placeholder={t('structure.name')} value={name} onChange={(e) => setName(e.target.value)} style={{ maxWidth: 260 }} />
                <Button
                  type="primary"
                  onClick={() => void run(() => (adding === o.id ? orgsApi.createOrganization({ name, level: level!, parentId: o.id }) : orgsApi.updateOrganization(o.id, { name })))}
                >
                  {t('structure.save')}
                </Button>
              </Flex>
            )}
            {open === o.id && <TermsPanel organizationId={o.id} run={run} />}
          </Card>
        ))}
      </Flex>
    </>
  );
}
