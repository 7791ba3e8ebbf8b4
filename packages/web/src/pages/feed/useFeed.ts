import { useCallback, useEffect, useRef, useState } from 'react';
import { getFeed, getVideo } from '../../api/shopper';
import type { FeedTab, VideoCard } from '../../api/shopper-types';

interface State {
  items: VideoCard[];
  cursor: string | null;
  loaded: boolean;
  loading: boolean;
  error: unknown;
}

/**
 * Pages of GET /feed for one tab. The first page starts a new feed session (no cursor); the
 * server's cursor carries it on. `firstVideoId` (a share link) opens the feed at that video.
 */
export function useFeed(tab: FeedTab, enabled: boolean, firstVideoId: string | null) {
  const [state, setState] = useState<State>({ items: [], cursor: null, loaded: false, loading: true, error: null });
  const generation = useRef(0);
  const busy = useRef(false);

  const load = useCallback(
    async (cursor: string | null, gen: number) => {
      if (busy.current) return;
      busy.current = true;
      setState((s) => ({ ...s, loading: true, error: null }));
      try {
        const [page, first] = await Promise.all([
          getFeed(tab, cursor),
          cursor === null && firstVideoId ? getVideo(firstVideoId).catch(() => null) : Promise.resolve(null),
        ]);
        if (gen !== generation.current) return;
        setState((s) => {
          const base = cursor === null ? (first ? [first] : []) : s.items;
          const seen = new Set(base.map((v) => v.id));
          const fresh = page.items.filter((v) => !seen.has(v.id));
          return { items: [...base, ...fresh], cursor: page.nextCursor, loaded: true, loading: false, error: null };
        });
      } catch (error) {
        if (gen === generation.current) setState((s) => ({ ...s, loaded: true, loading: false, error }));
      } finally {
        if (gen === generation.current) busy.current = false;
      }
    },
    [tab, firstVideoId],
  );

  useEffect(() => {
    generation.current += 1;
    busy.current = false;
    setState({ items: [], cursor: null, loaded: false, loading: enabled, error: null });
    if (enabled) void load(null, generation.current);
  }, [load, enabled]);

  const loadMore = useCallback(() => {
    if (state.cursor && !state.loading) void load(state.cursor, generation.current);
  }, [load, state.cursor, state.loading]);

  const retry = useCallback(
    () => void load(state.loaded && state.items.length > 0 ? state.cursor : null, generation.current),
    [load, state.loaded, state.items.length, state.cursor],
  );

  /** Apply a change to one video (like count) or to every video of a creator (followed). */
  const update = useCallback((match: (v: VideoCard) => boolean, change: (v: VideoCard) => VideoCard) => {
    setState((s) => ({ ...s, items: s.items.map((v) => (match(v) ? change(v) : v)) }));
  }, []);

  return { ...state, hasMore: state.cursor !== null, loadMore, retry, update };
}
