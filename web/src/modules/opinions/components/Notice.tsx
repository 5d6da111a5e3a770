import { CloseCircleFilled, InfoCircleFilled } from '@ant-design/icons';

const LOOK = {
  info: { Icon: InfoCircleFilled, color: '#1677ff', background: '#e6f4ff', border: '#91caff' },
  error: { Icon: CloseCircleFilled, color: '#ff4d4f', background: '#fff2f0', border: '#ffccc7' },
};

/**
 * A note or the errors of a request, drawn like antd's Alert (the first line as its title) for the
 * resident's pages, which do without Alert's code and styles. Nothing when there are no lines.
 */
export function Notice({ type, lines }: { type: keyof typeof LOOK; lines: string[] }) {
  if (lines.length === 0) return null;
  const { Icon, color, background, border } = LOOK[type];
  return (
    <div role={type === 'error' ? 'alert' : 'note'} style={{ display: 'flex', gap: 8, marginBottom: 16, padding: '8px 12px', textAlign: 'start', color: 'rgba(0, 0, 0, 0.88)', background, border: `1px solid ${border}`, borderRadius: 8 }}>
      <Icon style={{ color, marginTop: 5 }} />
      <div>
        {lines.map((line, i) => (
          <div key={i}>{line}</div>
        ))}
      </div>
    </div>
  );
}
