import { useMediaQuery } from './useMediaQuery';

// Below antd's `md` breakpoint the side menu becomes a drawer and tables become cards.
export const useIsPhone = (): boolean => useMediaQuery('(max-width: 767.98px)');
