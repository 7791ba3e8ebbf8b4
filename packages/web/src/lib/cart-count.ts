/**
 * The number of lines in the signed-in shopper's cart, for the 购物车 tab's badge. Every cart call
 * that answers with the cart sets it (add, remove, select, load), so the badge follows at once;
 * the bottom bar asks the server when it first shows.
 */
import { useSyncExternalStore } from 'react';

let count: number | null = null;
const listeners = new Set<() => void>();

export function setCartCount(next: number | null): void {
  if (next === count) return;
  count = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** null until known (or when signed out). */
export function useCartCount(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => count,
    () => count,
  );
}

/** What the badge shows: nothing for an empty or unknown cart, 99+ beyond 99 (pure). */
export function badgeText(n: number | null): string | null {
  if (n === null || n <= 0) return null;
  return n > 99 ? '99+' : String(n);
}
