import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { MAX_REVIEW_PHOTOS, MAX_REVIEW_TEXT, reviewsApi, type LineReviewState } from '../../api/reviews';
import { getOrder } from '../../api/shopper';
import type { OrderDetail, OrderLine } from '../../api/shopper-types';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErrorNote } from '../../components/ErrorNote';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { formatDateTime } from '../../lib/format';
import { EvidencePicker, type EvidenceState } from '../aftersales/EvidencePicker';
import { OrderLineBody } from '../orders/OrderLineBody';
import { StarInput } from './Stars';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import '../aftersales/aftersales.css';
import './reviews.css';

/** /app/orders/:orderId/review?line=…: 发表评价 for one line of a completed order. */
export function ReviewNewPage() {
  const { t } = useTranslation();
  return (
    <ShopperLayout title={t('reviews.formTitle')} back>
      <RequireAuth
        fallback={
          <section className="section">
            <SkeletonLines lines={6} />
          </section>
        }
      >
        {() => <Loader />}
      </RequireAuth>
    </ShopperLayout>
  );
}

function Loader() {
  const { t } = useTranslation();
  const { orderId = '' } = useParams();
  const [params] = useSearchParams();
  const lineId = params.get('line') ?? '';
  const [data, setData] = useState<{ order: OrderDetail; states: LineReviewState[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    Promise.all([getOrder(orderId), reviewsApi.orderStates(orderId)]).then(
      ([order, s]) => setData({ order, states: s.lines }),
      setError,
    );
  }, [orderId]);
  useEffect(load, [load]);
  if (!data) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400))
      return <Gone text={t('order.notFound')} />;
    return error != null ? (
      <ErrorNote error={error} onRetry={load} />
    ) : (
      <section className="section">
        <SkeletonLines lines={6} />
      </section>
    );
  }
  const line = data.order.lines.find((l) => l.id === lineId);
  const state = data.states.find((s) => s.orderLineId === lineId);
  if (!line || !state) return <Gone text={t('order.notFound')} orderId={orderId} />;
  if (!state.canReview)
    return (
      <Gone
        text={
          state.reviewId
            ? t('errors.REVIEW_EXISTS')
            : t(data.order.status === 'completed' ? 'errors.REVIEW_WINDOW_CLOSED' : 'errors.ORDER_NOT_COMPLETED')
        }
        orderId={orderId}
      />
    );
  return <ReviewForm orderId={orderId} line={line} deadline={state.deadline} />;
}

function Gone({ text, orderId }: { text: string; orderId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="empty" data-testid="review-form-unavailable">
      <p className="empty-title">{text}</p>
      <Link to={orderId ? `/app/orders/${encodeURIComponent(orderId)}` : '/app/orders'} className="btn">
        {t(orderId ? 'order.title' : 'orders.title')}
      </Link>
    </div>
  );
}

function ReviewForm({ orderId, line, deadline }: { orderId: string; line: OrderLine; deadline: number | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [stars, setStars] = useState({ product: 5, logistics: 5, service: 5 });
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<EvidenceState>({ ids: [], uploading: false });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    if (!stars.product || !stars.logistics || !stars.service) return setProblem(t('reviews.needStars'));
    if (photos.uploading) return setProblem(t('reviews.waitUpload'));
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      await reviewsApi.create({
        orderLineId: line.id,
        productStars: stars.product,
        logisticsStars: stars.logistics,
        serviceStars: stars.service,
        text: text.trim(),
        photoIds: photos.ids,
      });
      navigate(`/app/orders/${encodeURIComponent(orderId)}?reviewed=${encodeURIComponent(line.id)}`, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form
      className="as-form-page"
      data-testid="review-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <section className="section">
        <div className="line">
          <OrderLineBody line={line} />
        </div>
        {deadline && (
          <p className="muted small">{t('reviews.deadline', { time: formatDateTime(deadline, i18n.language) })}</p>
        )}
      </section>
      <section className="section">
        <StarInput
          label={t('reviews.stars.product')}
          value={stars.product}
          onChange={(n) => setStars((s) => ({ ...s, product: n }))}
          testId="stars-product"
        />
        <StarInput
          label={t('reviews.stars.logistics')}
          value={stars.logistics}
          onChange={(n) => setStars((s) => ({ ...s, logistics: n }))}
          testId="stars-logistics"
        />
        <StarInput
          label={t('reviews.stars.service')}
          value={stars.service}
          onChange={(n) => setStars((s) => ({ ...s, service: n }))}
          testId="stars-service"
        />
      </section>
      <section className="section">
        <h3>{t('reviews.textLabel')}</h3>
        <textarea
          className="as-textarea"
          name="text"
          rows={4}
          maxLength={MAX_REVIEW_TEXT}
          value={text}
          placeholder={t('reviews.textPlaceholder')}
          aria-label={t('reviews.textLabel')}
          data-testid="review-text-input"
          onChange={(e) => setText(e.target.value)}
        />
        <span className="muted small rv-counter">
          {Array.from(text).length}/{MAX_REVIEW_TEXT}
        </span>
      </section>
      <section className="section">
        <h3>{t('reviews.photos', { max: MAX_REVIEW_PHOTOS })}</h3>
        <EvidencePicker max={MAX_REVIEW_PHOTOS} onChange={setPhotos} upload={reviewsApi.uploadPhoto} />
      </section>
      <section className="section">
        {problem && (
          <p className="error-note" role="alert" data-testid="form-problem">
            {problem}
          </p>
        )}
        {error != null && <ErrorNote error={error} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="review-submit">
          {t('reviews.submit')}
        </button>
      </section>
    </form>
  );
}
