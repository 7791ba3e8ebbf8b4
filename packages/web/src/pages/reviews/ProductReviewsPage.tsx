import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { REVIEW_FILTERS, reviewsApi, type Review, type ReviewFilter, type ReviewSummary } from '../../api/reviews';
import { ErrorNote } from '../../components/ErrorNote';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { ReviewCard } from './ReviewCard';
import { ReviewFigures } from './ProductReviews';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import './reviews.css';

/** /app/product/:id/reviews: every review, photos first then newest, with 全部 / 有图 / 好评 / 差评. */
export function ProductReviewsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filter: ReviewFilter = (REVIEW_FILTERS as readonly string[]).includes(params.get('filter') ?? '')
    ? (params.get('filter') as ReviewFilter)
    : 'all';
  const [summary, setSummary] = useState<ReviewSummary | null>(null);
  const [items, setItems] = useState<Review[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    (cursor: string | null) => {
      setBusy(true);
      setError(null);
      reviewsApi.product(id, filter, cursor, 10).then(
        (page) => {
          setSummary(page.summary);
          setItems((old) => (cursor ? [...(old ?? []), ...page.items] : page.items));
          setNext(page.nextCursor);
          setBusy(false);
        },
        (e: unknown) => {
          setError(e);
          setBusy(false);
        },
      );
    },
    [id, filter],
  );
  useEffect(() => {
    setItems(null);
    load(null);
  }, [load]);

  const counts: Record<ReviewFilter, number | null> = {
    all: summary?.count ?? null,
    photos: summary?.withPhotos ?? null,
    good: summary?.good ?? null,
    bad: summary?.bad ?? null,
  };
  return (
    <ShopperLayout title={t('reviews.title')} back>
      <section className="section">
        {summary && <ReviewFigures summary={summary} />}
        <div className="chips" role="tablist" aria-label={t('reviews.title')} data-testid="review-filters">
          {REVIEW_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              role="tab"
              aria-selected={filter === f}
              className={`chip${filter === f ? ' chip-selected' : ''}`}
              data-testid={`review-filter-${f}`}
              onClick={() => setParams(f === 'all' ? {} : { filter: f }, { replace: true })}
            >
              {counts[f] === null
                ? t(`reviews.filters.${f}`)
                : t('reviews.filterCount', { label: t(`reviews.filters.${f}`), n: counts[f] })}
            </button>
          ))}
        </div>
      </section>
      <section className="section" data-testid="review-list">
        {items === null && !error && <SkeletonLines lines={5} />}
        {items?.length === 0 && <p className="muted">{t('reviews.empty')}</p>}
        {items?.map((r) => (
          <ReviewCard key={r.id} review={r} />
        ))}
        {error != null && <ErrorNote error={error} onRetry={() => load(null)} />}
        {next && (
          <button
            type="button"
            className="btn btn-block"
            disabled={busy}
            onClick={() => load(next)}
            data-testid="reviews-more"
          >
            {t('reviews.more')}
          </button>
        )}
      </section>
    </ShopperLayout>
  );
}
