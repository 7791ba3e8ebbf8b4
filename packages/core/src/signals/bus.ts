/**
 * Interest signals, delivered in-process right after the transaction that recorded them
 * commits: every accepted client event and the domain actions (likes, comments, shares,
 * follows, cart adds, paid orders, refunds). Listeners run synchronously and must be cheap;
 * a failing listener never fails the request. One bus per store, so several cores in one
 * process (tests) stay apart. A broker consumer would call `publishSignals` the same way.
 */
import type { Signal } from '@zhongcao/recsys';
import type { Db } from '../context.js';
import { runtimePart, runtimeOf } from '../platform/index.js';

export type { Signal } from '@zhongcao/recsys';
export type SignalListener = (signals: readonly Signal[]) => void;
/** Where signals come from: subscribes a listener, returns the unsubscribe function (e.g. `(l) => onSignals(db, l)`). */
export type SignalSource = (listener: SignalListener) => () => void;

/** The listeners of this store's signals in this process (the runtime's part). */
const listenersPart = runtimePart<Set<SignalListener>, Db>('recommend.signal-listeners', () => new Set());

/** Subscribes; returns the unsubscribe function. */
export function onSignals(db: Db, listener: SignalListener): () => void {
  const set = runtimeOf(db).use(listenersPart);
  set.add(listener);
  return () => set.delete(listener);
}

export function hasSignalListeners(db: Db): boolean {
  return (runtimeOf(db).peek(listenersPart)?.size ?? 0) > 0;
}

export function publishSignals(db: Db, signals: readonly Signal[]): void {
  const set = runtimeOf(db).peek(listenersPart);
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
