/**
 * Interest signals, delivered in-process right after the transaction that recorded them
 * commits: every accepted client event and the domain actions (likes, comments, shares,
 * follows, cart adds, paid orders, refunds). Listeners run synchronously and must be cheap;
 * a failing listener never fails the request. One bus per store, so several cores in one
 * process (tests) stay apart. A broker consumer would call `publishSignals` the same way.
 */
import type { Signal } from '@zhongcao/recsys';
import type { Db } from '../context.js';

export type { Signal } from '@zhongcao/recsys';
export type SignalListener = (signals: readonly Signal[]) => void;
/** Where signals come from: subscribes a listener, returns the unsubscribe function (e.g. `(l) => onSignals(db, l)`). */
export type SignalSource = (listener: SignalListener) => () => void;

const listeners = new WeakMap<Db, Set<SignalListener>>();

/** Subscribes; returns the unsubscribe function. */
export function onSignals(db: Db, listener: SignalListener): () => void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

export function hasSignalListeners(db: Db): boolean {
  return (listeners.get(db)?.size ?? 0) > 0;
}

export function publishSignals(db: Db, signals: readonly Signal[]): void {
  const set = listeners.get(db);
  if (!set || signals.length === 0) return;
  for (const listener of set) {
    try {
      listener(signals);
    } catch {
      // The action is committed; a listener's failure must not turn it into an error.
    }
  }
}

/** Awaits the committed work, then publishes the signals it implies; resolves with its result. */
export async function publishAfter<T>(db: Db, work: Promise<T>, signals: (result: T) => Signal[]): Promise<T> {
  const result = await work;
  if (hasSignalListeners(db)) publishSignals(db, signals(result));
  return result;
}
