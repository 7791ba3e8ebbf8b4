import { useCallback, useEffect, useRef, useState } from 'react';
import { listProducts } from '../../api/endpoints';
import type { ProductSummary } from '../../api/types';

interface State {
  items: ProductSummary[];
  nextCursor: string | null;
  loaded: boolean; // the first page has arrived
  loading: boolean;
  error: unknown;
}

/** Pages through GET /products with the server's cursor. */
export function useProductPages(pageSize = 20, filter: { shopId?: string; categoryId?: string } = {}) {
  const { shopId, categoryId } = filter;
  const [state, setState] = useState<State>({ items: [], nextCursor: null, loaded: false, loading: true, error: null });
  const inFlight = useRef(false);
  const generation = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      if (inFlight.current) return;
      inFlight.current = true;
      const gen = generation.current;
      setState((s) => ({ ...s, loading: true, error: null }));
      try {
        const page = await listProducts(cursor, pageSize, { shopId, categoryId });
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
        if (gen === generation.current) setState((s) => ({ ...s, loading: false, error }));
      } finally {
        if (gen === generation.current) inFlight.current = false;
      }
    },
    [pageSize, shopId, categoryId],
  );

  useEffect(() => {
    generation.current += 1;
    inFlight.current = false;
    void load(null);
  }, [load]);

  const loadMore = useCallback(() => {
    if (state.nextCursor) void load(state.nextCursor);
  }, [load, state.nextCursor]);

  const retry = useCallback(
    () => void load(state.loaded ? state.nextCursor : null),
    [load, state.loaded, state.nextCursor],
  );

  return { ...state, loadMore, retry, hasMore: state.nextCursor !== null };
}
