/**
 * One clock for every countdown on the page: a single interval ticking each second while at
 * least one component listens. Each countdown cell subscribes itself, so a tick re-renders the
 * cells, not the tables around them.
 */
import { useSyncExternalStore } from 'react';

let now = Date.now();
let timer: number | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now(); // React reads the snapshot again after subscribing
    timer = window.setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
  };
}

const snapshot = (): number => now;

/** The current time, updated every second. */
export function useSecondTick(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
