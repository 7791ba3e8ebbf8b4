/** Small pieces every console screen uses: loading with retry, error and empty views, status tags. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Empty, Skeleton, Tag } from '@douyinfe/semi-ui-19';
import { IllustrationConstruction, IllustrationNoContent } from '@douyinfe/semi-illustrations';
import { ApiError } from '../../../api/client';
import type { Answer } from '../../../api/contract';
import i18n from '../../../i18n';
import { errorSentenceKey } from '../../../i18n/error-sentence';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change (and on reload); the newest answer wins. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}

/** A sentence for an error in the UI language (errors.<CODE>, else a generic sentence); never the raw code or message. */
export function errorText(error: unknown, t: (k: string) => string): string {
  if (error instanceof ApiError && error.is('CONTENT_REJECTED') && Array.isArray(error.details.hits)) {
    // The rule book refused the save: name what was found, as written, and the term it matched.
    const all = (
      error.details.hits as Array<{
        term: string;
        matched: string;
        severity: string;
        field: string;
        start: number;
        end: number;
      }>
    ).filter((h) => h.severity === 'reject');
    // A hit inside a wider one of the same field (最低价 inside 全网最低价) adds nothing to read.
    const hits = all.filter(
      (h) =>
        !all.some(
          (o) =>
            o !== h && o.field === h.field && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start,
        ),
    );
    const found = [
      ...new Set(hits.map((h) => (h.matched === h.term ? `「${h.matched}」` : `「${h.matched}」(${h.term})`))),
    ];
    return `${t('governance.rejected')}${found.join(' ')}`;
  }
  return t(errorSentenceKey(error, (key) => i18n.exists(key)));
}

/** A warn-level term hit a saved product or video comes back with. */
type WarningHit = NonNullable<Answer<'/api/v1/merchant/shops/{shopId}/products', 'post'>['warnings']>[number];

/** Review and warn hits a save came back with (products, videos), worded for a toast; null when there are none. */
export function warningText(answer: unknown, t: (k: string) => string): string | null {
  const warnings = (answer as { warnings?: WarningHit[] } | undefined)?.warnings;
  if (!Array.isArray(warnings) || warnings.length === 0) return null;
  return `${t('governance.warned')}${[...new Set(warnings.map((w) => `「${w.matched}」`))].join(' ')}`;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Empty
      image={<IllustrationConstruction style={{ width: 120, height: 120 }} />}
      title={t('consoleUi.loadFailed')}
      description={errorText(error, t)}
      data-testid="console-error"
    >
      {onRetry && <Button onClick={onRetry}>{t('consoleUi.retry')}</Button>}
    </Empty>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Empty image={<IllustrationNoContent style={{ width: 120, height: 120 }} />} title={title}>
      {children}
    </Empty>
  );
}

export function LoadingBlock({ rows = 5 }: { rows?: number }) {
  return <Skeleton placeholder={<Skeleton.Paragraph rows={rows} />} loading active />;
}

/** The three states of a loaded block; `children` renders the data. */
export function LoadView<T>({
  state,
  rows,
  children,
}: {
  state: Loaded<T>;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  if (state.error != null) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (state.data === null) return <LoadingBlock rows={rows} />;
  return <>{children(state.data)}</>;
}

const STATUS_COLOR: Record<string, 'orange' | 'blue' | 'green' | 'grey' | 'red' | 'cyan' | 'violet'> = {
  unpaid: 'grey',
  paid: 'orange',
  shipped: 'blue',
  delivered: 'cyan',
  completed: 'green',
  cancelled: 'grey',
  listed: 'green',
  draft: 'grey',
  delisted: 'orange',
  published: 'green',
  review: 'violet',
  rejected: 'red',
  removed: 'red',
  active: 'green',
  suspended: 'red',
  open: 'green',
  closed: 'grey',
  in_transit: 'blue',
};

/** A coloured tag for an order, product, video or shop status, in the UI language. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'grey'} size="small" data-status={status}>
      {t(`consoleUi.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** "¥29.90" → fen; null when not a valid amount. */
export function yuanToFen(value: string | number | undefined | null): number | null {
  if (value === undefined || value === null || value === '') return null;
  const text = String(value).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const [yuan, cents = ''] = text.split('.');
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'));
}

/** Remaining time until `deadline` as "3小时12分" / "3h 12m" ("2天3小时" / "2d 3h" beyond a day); from the deadline on, overdue. */
export function countdown(
  deadline: number,
  now: number,
  lang: string,
): { text: string; urgent: boolean; overdue: boolean } {
  const left = deadline - now;
  const abs = Math.abs(left);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const zh = lang.startsWith('zh');
  const span =
    d > 0
      ? zh
        ? `${d}天${h}小时`
        : `${d}d ${h}h`
      : zh
        ? `${h > 0 ? `${h}小时` : ''}${m}分`
        : `${h > 0 ? `${h}h ` : ''}${m}m`;
  // Overdue from the due millisecond on, as 履约中心 counts it.
  if (left <= 0) return { text: zh ? `已超时 ${span}` : `overdue ${span}`, urgent: true, overdue: true };
  return { text: zh ? `剩余 ${span}` : `${span} left`, urgent: left < 2 * 3_600_000, overdue: false };
}

/** How long ago, roughly: "5分钟前" / "5 min ago". */
export function waited(since: number, now: number, lang: string): string {
  const mins = Math.max(0, Math.floor((now - since) / 60_000));
  const zh = lang.startsWith('zh');
  if (mins < 1) return zh ? '刚刚' : 'just now';
  if (mins < 60) return zh ? `${mins}分钟前` : `${mins} min ago`;
  const hours = Math.floor(mins / 60);
  if (hours < 48) return zh ? `${hours}小时前` : `${hours} h ago`;
  return zh ? `${Math.floor(hours / 24)}天前` : `${Math.floor(hours / 24)} d ago`;
}
