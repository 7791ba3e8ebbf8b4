import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@douyinfe/semi-ui-19';
import type { Page } from '../../../api/types';

export interface CursorPages<T> {
  items: T[] | null;
  loading: boolean;
  error: unknown;
  pageNo: number;
  hasNext: boolean;
  next(): void;
  prev(): void;
  reload(): void;
}

/** Keyset pages (cursor = last id) with previous/next; the filters in `deps` restart at page 1. */
export function useCursorPages<T>(load: (cursor: string | null) => Promise<Page<T>>, deps: unknown[]): CursorPages<T> {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState<{ items: T[] | null; next: string | null }>({ items: null, next: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(deps);
  useEffect(() => setCursors([null]), [key]);
  const cursor = cursors[cursors.length - 1] ?? null;
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    load(cursor).then(
      (p) => {
        if (!live) return;
        setPage({ items: p.items, next: p.nextCursor });
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor, key, attempt, cursors.length]);
  return {
    items: page.items,
    loading,
    error,
    pageNo: cursors.length,
    hasNext: page.next !== null,
    next: () => page.next && setCursors((c) => [...c, page.next]),
    prev: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reload: useCallback(() => setAttempt((n) => n + 1), []),
  };
}

export function CursorPager<T>({ pages }: { pages: CursorPages<T> }) {
  const { t } = useTranslation();
  if (pages.pageNo === 1 && !pages.hasNext) return null;
  return (
    <div
      className="cs-toolbar"
      style={{ justifyContent: 'flex-end' }}
      role="navigation"
      aria-label={t('consoleUi.pager')}
    >
      <Button disabled={pages.pageNo <= 1 || pages.loading} onClick={pages.prev}>
        {t('consoleUi.prevPage')}
      </Button>
      <span className="cs-muted">{t('consoleUi.pageN', { n: pages.pageNo })}</span>
      <Button disabled={!pages.hasNext || pages.loading} onClick={pages.next}>
        {t('consoleUi.nextPage')}
      </Button>
    </div>
  );
}
