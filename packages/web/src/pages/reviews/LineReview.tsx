import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LineReviewState } from '../../api/reviews';
import './reviews.css';

/** Under a completed order's line: 评价 while the window is open, 已评价 (to 我的评价) once reviewed. */
export function LineReview({ orderId, state }: { orderId: string; state: LineReviewState | undefined }) {
  const { t } = useTranslation();
  if (!state) return null;
  if (state.reviewId) {
    return (
      <div className="line-review">
        <Link
          to="/app/me/reviews"
          className="btn btn-small"
          data-testid="line-reviewed"
          data-line-id={state.orderLineId}
        >
          {t('reviews.reviewed')} ›
        </Link>
      </div>
    );
  }
  if (!state.canReview) return null;
  return (
    <div className="line-review">
      <Link
        to={`/app/orders/${encodeURIComponent(orderId)}/review?line=${encodeURIComponent(state.orderLineId)}`}
        className="btn btn-small btn-review"
        data-testid="line-review"
        data-line-id={state.orderLineId}
      >
        {t('reviews.write')}
      </Link>
    </div>
  );
}
