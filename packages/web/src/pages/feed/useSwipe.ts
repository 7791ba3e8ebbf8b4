import { useEffect, useRef, type TouchEvent, type WheelEvent } from 'react';

const SWIPE_PX = 50;
const WHEEL_LOCK_MS = 650;

/** Vertical swipe (touch), wheel and ↑/↓ keys → previous/next. Returns handlers for the slides box. */
export function useSwipe(go: (delta: 1 | -1) => void, enabled: boolean) {
  const start = useRef<number | null>(null);
  const lockedUntil = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      if (e.key === 'ArrowDown' || e.key === 'PageDown' || e.key === 'j') {
        e.preventDefault();
        go(1);
      } else if (e.key === 'ArrowUp' || e.key === 'PageUp' || e.key === 'k') {
        e.preventDefault();
        go(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, enabled]);

  return {
    onTouchStart(e: TouchEvent) {
      start.current = e.touches[0]?.clientY ?? null;
    },
    onTouchEnd(e: TouchEvent) {
      const from = start.current;
      const to = e.changedTouches[0]?.clientY;
      start.current = null;
      if (!enabled || from === null || to === undefined) return;
      if (to - from < -SWIPE_PX) go(1);
      else if (to - from > SWIPE_PX) go(-1);
    },
    onWheel(e: WheelEvent) {
      if (!enabled || Math.abs(e.deltaY) < 20) return;
      const now = Date.now();
      if (now < lockedUntil.current) return;
      lockedUntil.current = now + WHEEL_LOCK_MS;
      go(e.deltaY > 0 ? 1 : -1);
    },
  };
}
