import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MAX_REVIEW_PHOTOS, MAX_REVIEW_TEXT, reviewsApi, type OwnReview } from '../../api/reviews';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErrorNote } from '../../components/ErrorNote';
import { LineImage } from '../../components/LineImage';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { EvidencePicker, type EvidenceState } from '../aftersales/EvidencePicker';
import { ReviewCard } from './ReviewCard';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import '../aftersales/aftersales.css';
import './reviews.css';

/** 我 → 我的评价: my reviews newest first, with the shop's replies and 写追评 while it is open. */
export function MyReviewsPage() {
  const { t } = useTranslation();
  return (
    <ShopperLayout title={t('reviews.mine')} back>
      <RequireAuth
        fallback={
          <section className="section">
            <SkeletonLines lines={6} />
          </section>
        }
      >
        {() => <Mine />}
      </RequireAuth>
    </ShopperLayout>
  );
}

function Mine() {
  const { t } = useTranslation();
  const [items, setItems] = useState<OwnReview[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback((cursor: string | null) => {
    setError(null);
    reviewsApi.mine(cursor).then((page) => {
      setItems((old) => (cursor ? [...(old ?? []), ...page.items] : page.items));
      setNext(page.nextCursor);
    }, setError);
  }, []);
  useEffect(() => load(null), [load]);
  if (error != null && items === null) return <ErrorNote error={error} onRetry={() => load(null)} />;
  if (items === null)
    return (
      <section className="section">
        <SkeletonLines lines={6} />
      </section>
    );
  if (items.length === 0) {
    return (
      <div className="empty" data-testid="my-reviews-empty">
        <p className="empty-title">{t('reviews.mineEmpty')}</p>
        <p className="muted">{t('reviews.mineEmptyHint')}</p>
        <Link to="/app/orders" className="btn">
          {t('orders.title')}
        </Link>
      </div>
    );
  }
  const replace = (r: OwnReview) => setItems((list) => (list ?? []).map((x) => (x.id === r.id ? r : x)));
  return (
    <div data-testid="my-reviews">
      {items.map((r) => (
        <section key={r.id} className="section" data-testid="my-review" data-review-id={r.id}>
          <Link to={`/app/product/${encodeURIComponent(r.product.id)}`} className="line">
            <LineImage src={r.product.imageUrl} title={r.product.title} />
            <div className="line-main">
              <span className="line-title" data-user-content>
                {r.product.title}
              </span>
            </div>
          </Link>
          <ReviewCard review={r} />
          {r.canFollowUp && <FollowUpForm review={r} onDone={replace} />}
        </section>
      ))}
      {next && (
        <section className="section">
          <button type="button" className="btn btn-block" onClick={() => load(next)}>
            {t('reviews.more')}
          </button>
        </section>
      )}
    </div>
  );
}

function FollowUpForm({ review, onDone }: { review: OwnReview; onDone(r: OwnReview): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<EvidenceState>({ ids: [], uploading: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!open) {
    return (
      <button
        type="button"
        className="btn btn-small rv-followup-btn"
        data-testid="followup-open"
        onClick={() => setOpen(true)}
      >
        {t('reviews.addFollowUp')}
      </button>
    );
  }
  async function submit() {
    if (!text.trim() || photos.uploading) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await reviewsApi.followUp(review.id, text.trim(), photos.ids));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  return (
    <form
      className="rv-followup-form"
      data-testid="followup-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <textarea
        className="as-textarea"
        rows={3}
        maxLength={MAX_REVIEW_TEXT}
        value={text}
        placeholder={t('reviews.followUpPlaceholder')}
        aria-label={t('reviews.followUp')}
        onChange={(e) => setText(e.target.value)}
      />
      <EvidencePicker max={MAX_REVIEW_PHOTOS} onChange={setPhotos} upload={reviewsApi.uploadPhoto} />
      {error != null && <ErrorNote error={error} />}
      <button
        type="submit"
        className="btn btn-primary btn-block"
        disabled={busy || !text.trim()}
        data-testid="followup-submit"
      >
        {t('reviews.followUpSubmit')}
      </button>
    </form>
  );
}
