import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { track } from '../../api/events';
import { countView } from '../../api/shopper';
import { reportAdImpression } from '../../api/ads';
import type { VideoCard } from '../../api/shopper-types';
import { MutedIcon, PlayIcon } from '../../components/Icons';

interface Props {
  video: VideoCard;
  active: boolean;
  /** Only the current slide and its neighbours mount a <video>; further ones show the poster. */
  near: boolean;
  muted: boolean;
  onUnmute(): void;
  /** A long press (or the context menu) on the video: "why this". */
  onLongPress?(): void;
  children: ReactNode; // the overlay: action rail and info
}

/**
 * One full-screen video: muted autoplay while current, a tap unmutes (then pauses/resumes),
 * and it reports impression, view_progress (watch time), complete and one view per showing.
 */
export function VideoSlide({ video, active, near, muted, onUnmute, onLongPress, children }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  const [paused, setPaused] = useState(false);
  const [ready, setReady] = useState(false);
  const watch = useRef({ ms: 0, last: -1, viewed: false });
  const latest = useRef(video);
  latest.current = video;
  const videoId = video.id;
  const press = useRef<{ timer: ReturnType<typeof setTimeout> | null; x: number; y: number; fired: boolean }>({
    timer: null,
    x: 0,
    y: 0,
    fired: false,
  });

  function startPress(e: ReactPointerEvent) {
    if (!onLongPress) return;
    press.current = {
      timer: setTimeout(() => {
        press.current.fired = true;
        onLongPress();
      }, LONG_PRESS_MS),
      x: e.clientX,
      y: e.clientY,
      fired: false,
    };
  }

  function endPress(e?: ReactPointerEvent) {
    const p = press.current;
    if (e && e.type === 'pointermove' && Math.hypot(e.clientX - p.x, e.clientY - p.y) < 10) return;
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
  }

  useEffect(() => {
    if (ref.current) ref.current.muted = muted;
  }, [muted, near]);

  // Playback follows "current"; leaving reports the watch time of this showing.
  useEffect(() => {
    const el = ref.current;
    if (!active) return;
    watch.current = { ms: 0, last: -1, viewed: false };
    track('impression', { videoId });
    if (latest.current.ad) reportAdImpression(latest.current.ad.impressionId);
    setPaused(false);
    if (el) {
      el.currentTime = 0;
      void el.play().catch(() => setPaused(true));
    }
    return () => {
      el?.pause();
      const watched = watch.current.ms;
      if (watched > 0)
        track('view_progress', { videoId, watchMs: watched, durationMs: durationOf(el, latest.current) });
    };
  }, [active, videoId]);

  function onTimeUpdate() {
    const el = ref.current;
    if (!el || !active) return;
    const now = el.currentTime;
    const last = watch.current.last;
    if (last >= 0 && now > last && now - last < 1.5) watch.current.ms += (now - last) * 1000;
    watch.current.last = now;
  }

  function onPlaying() {
    setReady(true);
    if (!active || watch.current.viewed) return;
    watch.current.viewed = true;
    void countView(video.id).catch(() => {});
  }

  function onEnded() {
    const el = ref.current;
    track('complete', { videoId: video.id, watchMs: watch.current.ms, durationMs: durationOf(el, video) });
    if (el && active) {
      watch.current.last = 0;
      el.currentTime = 0;
      void el.play().catch(() => {});
    }
  }

  function onTap() {
    if (press.current.fired) {
      press.current.fired = false;
      return; // the press opened "why this"
    }
    const el = ref.current;
    if (!el) return;
    if (muted) {
      onUnmute();
      el.muted = false;
      if (el.paused) void el.play().catch(() => {});
      setPaused(false);
      return;
    }
    if (el.paused) {
      void el.play().catch(() => {});
      setPaused(false);
    } else {
      el.pause();
      setPaused(true);
    }
  }

  return (
    <div className="slide" data-testid={active ? 'video-current' : 'video-slide'} data-video-id={video.id}>
      {video.posterUrl ? (
        <img
          className={`slide-poster${ready && active ? ' slide-poster-hidden' : ''}`}
          src={video.posterUrl}
          alt=""
          aria-hidden="true"
        />
      ) : (
        <div className="slide-poster slide-poster-blank" aria-hidden="true" />
      )}
      {near && (
        <video
          ref={ref}
          className="slide-video"
          src={video.videoUrl}
          poster={video.posterUrl ?? undefined}
          playsInline
          muted={muted}
          autoPlay={active}
          preload={active ? 'auto' : 'metadata'}
          onTimeUpdate={onTimeUpdate}
          onPlaying={onPlaying}
          onEnded={onEnded}
          aria-label={video.title}
        />
      )}
      <button
        type="button"
        className="slide-tap"
        aria-label={muted ? t('feed.unmute') : t('feed.paused')}
        title={onLongPress ? t('feed.whyHint') : undefined}
        onClick={onTap}
        onPointerDown={startPress}
        onPointerUp={() => endPress()}
        onPointerLeave={() => endPress()}
        onPointerCancel={() => endPress()}
        onPointerMove={endPress}
        onContextMenu={(e) => {
          if (!onLongPress) return;
          e.preventDefault();
          endPress();
          if (!press.current.fired) onLongPress();
        }}
      />
      {active && muted && (
        <button type="button" className="unmute-hint" onClick={onTap}>
          <MutedIcon /> {t('feed.unmute')}
        </button>
      )}
      {active && paused && !muted && (
        <span className="paused-icon" aria-hidden="true">
          <PlayIcon />
        </span>
      )}
      {children}
    </div>
  );
}

const LONG_PRESS_MS = 550;

function durationOf(el: HTMLVideoElement | null, video: VideoCard): number | undefined {
  if (el && Number.isFinite(el.duration) && el.duration > 0) return el.duration * 1000;
  return video.durationMs ?? undefined;
}
