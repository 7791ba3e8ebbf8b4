import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Answer } from '../../api/contract';
import { reviewsApi, type ReviewSummary } from '../../api/reviews';
import { SkeletonLines } from '../../components/Skeleton';
import { ReviewCard } from './ReviewCard';
import { StarsView } from './Stars';
import './reviews.css';

/** The rating, 好评率 and count in one line (the product page's section header and the sheet). */
export function ReviewFigures({ summary }: { summary: ReviewSummary }) {
  const { t } = useTranslation();
  if (summary.count === 0 || summary.rating === null) return <span className="muted small">{t('reviews.none')}</span>;
  return (
    <span className="rv-figures" data-testid="review-figures">
      <strong className="rv-rating" data-testid="review-rating">
        {summary.rating.toFixed(1)}
      </strong>
      <StarsView n={summary.rating} />
      <span className="rv-good" data-testid="review-good">
        {t('reviews.goodPercent', { p: summary.goodPercent })}
      </span>
      <span className="muted small">{t('reviews.count', { n: summary.count })}</span>
    </span>
  );
}

/** The product page's reviews: the figures, the first two reviews (photos first) and 查看全部. */
export function ProductReviews({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const [data, setData] = useState<Pick<
    Answer<'/api/v1/products/{productId}/reviews', 'get'>,
    'summary' | 'items'
  > | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    reviewsApi.product(productId, 'all', null, 2).then(
      (d) => live && setData(d),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [productId]);
  if (failed) return null;
  return (
    <section className="section rv-section" data-testid="product-reviews">
      <div className="rv-section-head">
        <h3>{data ? `${t('reviews.title')} (${data.summary.count})` : t('reviews.title')}</h3>
        {data && data.summary.count > 0 && (
          <Link
            to={`/app/product/${encodeURIComponent(productId)}/reviews`}
            className="rv-all"
            data-testid="reviews-view-all"
          >
            {t('reviews.viewAll')} ›
          </Link>
        )}
      </div>
      {!data ? (
        <SkeletonLines lines={3} />
      ) : data.summary.count === 0 ? (
        <p className="muted small">{t('reviews.noneHint')}</p>
      ) : (
        <>
          <ReviewFigures summary={data.summary} />
          {data.items.map((r) => (
            <ReviewCard key={r.id} review={r} />
          ))}
        </>
      )}
    </section>
  );
}

/** The product sheet's one line: rating and 好评率, leading to all reviews; nothing while there are none. */
export function SheetReviewsLine({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<ReviewSummary | null>(null);
  useEffect(() => {
    let live = true;
    reviewsApi.product(productId, 'all', null, 1).then(
      (d) => live && setSummary(d.summary),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [productId]);
  if (!summary || summary.count === 0) return null;
  return (
    <Link
      to={`/app/product/${encodeURIComponent(productId)}/reviews`}
      className="rv-sheet-line"
      data-testid="sheet-reviews"
    >
      <span className="small">{t('reviews.title')}</span>
      <ReviewFigures summary={summary} />
      <span className="muted" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}
