import { useState } from 'react';
import { Button, Flex, Image, Input, Typography } from 'antd';
import { orgsApi } from '../../../api/orgs';
import { opinionsApi } from '../../../api/opinions';
import type { Place } from '../../../api/types';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { useKeysetList } from '../../../shared/useKeysetList';

/**
 * Each place's QR code. A place gets its code on the first request for it, so the list only
 * links to the images and shows one when asked, rather than creating codes for every row shown.
 */
export default function QrCodesPage() {
  const t = useT('opinions');
  const to = useT('orgs');
  const [q, setQ] = useState<string>();
  const [preview, setPreview] = useState<number | null>(null);
  const list = useKeysetList(['orgs', 'places', 'qr', q], (cursor) => orgsApi.places({ q }, cursor));
  const columns: Column<Place>[] = [
    { key: 'name', title: to('place.name'), dataIndex: 'name', hideInCard: true },
    { key: 'kind', title: to('place.kind'), dataIndex: 'kind', render: (k: Place['kind']) => to(`kind.${k}`) },
    { key: 'org', title: to('place.town'), render: (_: unknown, p) => p.townName ?? p.divisionName },
    {
      key: 'qr',
      title: t('menu.qr'),
      render: (_: unknown, p) => (
        <Flex wrap gap={8}>
          <Button size="small" onClick={() => setPreview(p.id)}>
            {t('qr.preview')}
          </Button>
          <a href={opinionsApi.qrPngUrl(p.id)} download>
            {t('qr.png')}
          </a>
          <a href={opinionsApi.qrSvgUrl(p.id)} download>
            {t('qr.svg')}
          </a>
          <a href={opinionsApi.posterUrl(p.id)} target="_blank" rel="noreferrer">
            {t('qr.poster')}
          </a>
        </Flex>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('qr.title')} />
      <Typography.Paragraph type="secondary">{t('qr.help')}</Typography.Paragraph>
      <Input.Search placeholder={t('qr.searchPlaceholder')} allowClear onSearch={(v) => setQ(v.trim() || undefined)} style={{ maxWidth: 280, marginBottom: 16 }} />
      <ErrorAlert error={list.error} />
      <ResponsiveTable<Place> testId="qr-places" columns={columns} dataSource={list.items} rowKey="id" loading={list.loading} cardTitle={(p) => p.name} />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
      {preview !== null && (
        <Image
          style={{ display: 'none' }}
          src={opinionsApi.qrPngUrl(preview)}
          preview={{ open: true, onOpenChange: (open) => !open && setPreview(null) }}
        />
      )}
    </>
  );
}
