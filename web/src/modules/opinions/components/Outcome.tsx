import type { ReactNode } from 'react';
import { CheckCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';

const ICONS = { success: CheckCircleFilled, info: InfoCircleFilled, warning: ExclamationCircleFilled };
const COLORS = { success: '#52c41a', info: '#1677ff', warning: '#faad14' };

/**
 * How a resident's request ended, centred under its icon: drawn like antd's Result, whose module
 * carries large illustrations (404, 500, 403) that the resident's pages never show.
 */
export function Outcome({ status, title, subTitle, children }: { status: keyof typeof COLORS; title: string; subTitle?: ReactNode; children?: ReactNode }) {
  const Icon = ICONS[status];
  return (
    <div style={{ padding: '24px 0', textAlign: 'center' }}>
      <Icon style={{ fontSize: 72, color: COLORS[status], marginBottom: 24 }} />
      <h2 style={{ margin: '8px 0', fontSize: 24, fontWeight: 400, lineHeight: 1.33 }}>{title}</h2>
      {subTitle && <div style={{ color: 'rgba(0, 0, 0, 0.45)' }}>{subTitle}</div>}
      {children && <div style={{ marginTop: 24 }}>{children}</div>}
    </div>
  );
}
