import { useEffect, useRef, useState } from 'react';
import { Alert, Empty } from 'antd';
import type { RoomSettings } from '../api';
import { useRoomT } from '../i18n';

const frame = { width: '100%', aspectRatio: '16 / 9', border: 0, background: '#000', display: 'block' } as const;

/** The platform does not transcode: an embedded player (iframe) or a stream the page plays itself. */
export function VideoPanel({ settings }: { settings: RoomSettings | null }) {
  const t = useRoomT();
  if (settings?.embedUrl)
    return <iframe src={settings.embedUrl} title={t('video.frame')} style={frame} allow="autoplay; fullscreen; picture-in-picture" allowFullScreen referrerPolicy="no-referrer" sandbox="allow-scripts allow-same-origin allow-presentation" />;
  if (settings?.streamUrl) return <StreamVideo url={settings.streamUrl} />;
  return (
    <div style={{ ...frame, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#1f1f1f' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span style={{ color: '#d9d9d9' }}>{t('video.none')}</span>} />
    </div>
  );
}

const isHls = (url: string) => /\.m3u8$/i.test(new URL(url, window.location.href).pathname);

/**
 * A live stream is usually HLS (.m3u8): Safari and phones play it themselves; other browsers get
 * it through hls.js (Media Source Extensions), loaded only when a room has such a stream.
 */
function StreamVideo({ url }: { url: string }) {
  const t = useRoomT();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    setFailed(false);
    let cancelled = false;
    let stop = () => {};
    if (!isHls(url) || el.canPlayType('application/vnd.apple.mpegurl')) el.src = url;
    else
      void import('hls.js').then(({ default: Hls }) => {
        if (cancelled) return;
        if (!Hls.isSupported()) {
          el.src = url;
          return;
        }
        const hls = new Hls({ lowLatencyMode: true });
        hls.on(Hls.Events.ERROR, (_event, data) => data.fatal && setFailed(true));
        hls.loadSource(url);
        hls.attachMedia(el);
        stop = () => hls.destroy();
      });
    return () => {
      cancelled = true;
      stop();
      el.removeAttribute('src');
    };
  }, [url]);
  return (
    <>
      <video ref={video} controls playsInline aria-label={t('video.frame')} style={frame} onError={() => setFailed(true)} />
      {failed && <Alert type="warning" showIcon message={t('video.failed')} />}
    </>
  );
}
