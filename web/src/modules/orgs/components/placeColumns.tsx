import { Button, Rate, Tag } from 'antd';
import type { Place } from '../../../api/types';
import type { Translate } from '../../../i18n/LocaleProvider';
import type { AppKey, OrgsKey } from '../../../i18n/keys';
import type { Column } from '../../../shared/ResponsiveTable';

const KIND_COLORS: Record<Place['kind'], string> = { hall: 'red', station: 'orange', studio: 'blue', lounge: 'purple', contact_point: 'cyan' };

// A place sits in a town (9-digit code) or a village (12-digit code); the server names its town.
export const townOf = (p: Place) => p.townName ?? p.divisionName;
export const villageOf = (p: Place) => (p.divisionCode.length === 12 ? p.divisionName : '');

export function KindTag({ kind, t }: { kind: Place['kind']; t: Translate<OrgsKey> }) {
  return <Tag color={KIND_COLORS[kind]}>{t(`kind.${kind}`)}</Tag>;
}

export function placeColumns(t: Translate<OrgsKey>, ta: Translate<AppKey>, onEdit?: (p: Place) => void): Column<Place>[] {
  const cols: Column<Place>[] = [
    { key: 'name', title: t('place.name'), dataIndex: 'name', hideInCard: true },
    { key: 'kind', title: t('place.kind'), dataIndex: 'kind', render: (k: Place['kind']) => <KindTag kind={k} t={t} /> },
    { key: 'organization', title: ta('common.organization'), dataIndex: 'organizationName' },
    { key: 'town', title: t('place.town'), render: (_: unknown, p: Place) => townOf(p) },
    { key: 'village', title: t('place.village'), render: (_: unknown, p: Place) => villageOf(p) },
    { key: 'address', title: t('place.address'), dataIndex: 'address' },
    { key: 'member', title: t('place.member'), dataIndex: 'memberName' },
    {
      key: 'stars',
      title: t('place.stars'),
      dataIndex: 'stars',
      render: (s: number | null) => (s ? <Rate disabled value={s} style={{ fontSize: 12 }} /> : ''),
    },
    {
      key: 'active',
      title: t('place.active'),
      dataIndex: 'active',
      render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{a ? ta('common.active') : ta('common.inactive')}</Tag>,
    },
  ];
  if (onEdit) {
    cols.push({
      key: 'actions',
      title: ta('common.actions'),
      render: (_: unknown, p: Place) => (
        <Button size="small" onClick={() => onEdit(p)}>
          {ta('common.edit')}
        </Button>
      ),
    });
  }
  return cols;
}
