import type { ReactNode } from 'react';

/**
 * A white sheet drawn like antd's Card. The resident's pages use it instead: Card brings its
 * tab list and loading skeleton (antd Tabs, Dropdown, Menu, Skeleton), code a phone would download
 * for nothing.
 */
export function Panel({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <div style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: 24 }} data-testid={testId}>
      {children}
    </div>
  );
}
