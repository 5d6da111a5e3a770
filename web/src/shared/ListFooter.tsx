import { Button, Space, Typography } from 'antd';
import { useT } from '../i18n/LocaleProvider';

interface Props {
  total: number;
  shown: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** Keyset lists have no page numbers: the count so far, the total, and a button for more. */
export function ListFooter({ total, shown, hasMore, loadingMore, onLoadMore }: Props) {
  const t = useT('app');
  return (
    <Space wrap style={{ marginTop: 12, width: '100%', justifyContent: 'space-between' }}>
      <Typography.Text type="secondary" data-testid="list-total">
        {t('common.shownOfTotal', { shown, total })}
      </Typography.Text>
      {hasMore && (
        <Button onClick={onLoadMore} loading={loadingMore}>
          {t('common.loadMore')}
        </Button>
      )}
    </Space>
  );
}
