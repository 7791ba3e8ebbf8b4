import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../api/types';

interface State<T> {
  items: T[];
  nextCursor: string | null;
  loaded: boolean; // the first page has arrived
  loading: boolean;
  error: unknown;
}

const EMPTY = { items: [], nextCursor: null, loaded: false, loading: true, error: null };

/**
 * Pages through one search (a key per query, tab and sort) with the server's cursor: a new key
 * starts over and drops answers still coming for the old one; repeats are never shown twice.
 */
export function useSearchPages<T extends { id: string }>(
  key: string,
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
) {
  const [state, setState] = useState<State<T>>(EMPTY);
  const inFlight = useRef(false);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (cursor: string | null) => {
    if (inFlight.current) return;
    inFlight.current = true;
    const gen = generation.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await fetchRef.current(cursor);
      if (gen !== generation.current) return;
      setState((s) => {
        const seen = new Set(cursor ? s.items.map((p) => p.id) : []);
        const fresh = page.items.filter((p) => !seen.has(p.id));
        return {
          items: cursor ? [...s.items, ...fresh] : fresh,
          nextCursor: page.nextCursor,
          loaded: true,
          loading: false,
          error: null,
        };
      });
    } catch (error) {
      if (gen === generation.current) setState((s) => ({ ...s, loaded: true, loading: false, error }));
    } finally {
      if (gen === generation.current) inFlight.current = false;
    }
  }, []);

  useEffect(() => {
    generation.current += 1;
    inFlight.current = false;
    setState(EMPTY);
    void load(null);
  }, [key, load]);

  const loadMore = useCallback(() => {
    if (state.nextCursor) void load(state.nextCursor);
  }, [load, state.nextCursor]);
  const retry = useCallback(
    () => void load(state.items.length ? state.nextCursor : null),
    [load, state.items.length, state.nextCursor],
  );
  const patch = useCallback(
    (id: string, change: Partial<T>) =>
      setState((s) => ({ ...s, items: s.items.map((i) => (i.id === id ? { ...i, ...change } : i)) })),
    [],
  );

  return { ...state, loadMore, retry, patch, hasMore: state.nextCursor !== null };
}
