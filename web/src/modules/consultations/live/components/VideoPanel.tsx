import { Empty } from 'antd';
import type { RoomSettings } from '../api';
import { useRoomT } from '../i18n';

/** The platform does not transcode: an embedded player (iframe) or a stream the browser plays itself. */
export function VideoPanel({ settings }: { settings: RoomSettings | null }) {
  const t = useRoomT();
  const frame = { width: '100%', aspectRatio: '16 / 9', border: 0, background: '#000', display: 'block' } as const;
  if (settings?.embedUrl)
    return <iframe src={settings.embedUrl} title={t('video.frame')} style={frame} allow="autoplay; fullscreen; picture-in-picture" allowFullScreen referrerPolicy="no-referrer" sandbox="allow-scripts allow-same-origin allow-presentation" />;
  if (settings?.streamUrl) return <video src={settings.streamUrl} controls playsInline aria-label={t('video.frame')} style={frame} />;
  return (
    <div style={{ ...frame, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#1f1f1f' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span style={{ color: '#d9d9d9' }}>{t('video.none')}</span>} />
    </div>
  );
}
