import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** How long the fallback plays before a failed stream is tried again. */
const STREAM_RETRY_MS = 2_000;

/**
 * The room's video, full screen: the HLS stream through hls.js (or the browser's own HLS), and
 * the room's fallback video on loop when there is no stream or it fails, so a room always plays.
 * A stream that fails is tried again every few seconds while the room still names it: the ingest
 * server admits a publisher before it has written the first segments, so the playlist is missing
 * for the first second or two of every broadcast.
 */
export function LivePlayer({
  hlsUrl,
  fallbackUrl,
  poster,
}: {
  hlsUrl: string | null;
  fallbackUrl: string | null;
  poster?: string | null;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const [muted, setMuted] = useState(true);
  const useStream = hlsUrl !== null && !failed;

  useEffect(() => setFailed(false), [hlsUrl]);
  useEffect(() => {
    if (!failed || hlsUrl === null) return;
    const retry = setTimeout(() => setFailed(false), STREAM_RETRY_MS);
    return () => clearTimeout(retry);
  }, [failed, hlsUrl]);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    const play = () => void el.play().catch(() => {}); // autoplay may wait for a tap; muted usually starts
    if (useStream && hlsUrl) {
      // hls.js wherever Media Source Extensions exist (it retries and reports failures); the
      // browser's own HLS only where they do not (iPhone Safari). Chromium also answers "maybe" to
      // HLS, but its own player stalls without an error when the playlist is not there yet.
      void import('hls.js').then(
        ({ default: Hls }) => {
          if (cancelled) return;
          if (!Hls.isSupported()) {
            if (!el.canPlayType('application/vnd.apple.mpegurl')) return setFailed(true);
            el.src = hlsUrl;
            return play();
          }
          const hls = new Hls({ lowLatencyMode: true, liveSyncDurationCount: 3 });
          hls.on(Hls.Events.ERROR, (_event, data) => {
            if (data.fatal) setFailed(true);
          });
          hls.loadSource(hlsUrl);
          hls.attachMedia(el);
          hls.on(Hls.Events.MANIFEST_PARSED, play);
          destroy = () => hls.destroy();
        },
        () => !cancelled && setFailed(true),
      );
    } else if (fallbackUrl) {
      el.src = fallbackUrl;
      play();
    }
    return () => {
      cancelled = true;
      destroy?.();
      el.removeAttribute('src');
      el.load();
    };
  }, [useStream, hlsUrl, fallbackUrl]);

  return (
    <div className="live-video-wrap">
      <video
        ref={video}
        className="live-video"
        data-testid="live-video"
        data-source={useStream ? 'hls' : fallbackUrl ? 'fallback' : 'none'}
        poster={poster ?? undefined}
        muted={muted}
        loop={!useStream}
        playsInline
        autoPlay
        onError={() => useStream && setFailed(true)}
      />
      {!useStream && !fallbackUrl && <div className="live-video-empty">{t('live.noVideo')}</div>}
      {muted && (
        <button type="button" className="live-unmute" onClick={() => setMuted(false)}>
          {t('live.unmute')}
        </button>
      )}
    </div>
  );
}
