import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { Page } from '../api/types';

/** A keyset-paged list shown with "load more": pages stay cached, so going back keeps the place. */
export function useKeysetList<T>(key: QueryKey, fetchPage: (cursor: string | null) => Promise<Page<T>>, enabled = true) {
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
  const pages = query.data?.pages ?? [];
  return {
    items: pages.flatMap((p) => p.items),
    total: pages[0]?.total ?? 0,
    hasMore: query.hasNextPage,
    loadMore: () => void query.fetchNextPage(),
    loadingMore: query.isFetchingNextPage,
    loading: query.isLoading,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}
