import { useTranslation } from 'react-i18next';
import type { Review } from '../../api/reviews';
import { TimeAgo } from '../../components/TimeAgo';
import { StarsView } from './Stars';

const DAY = 24 * 3600 * 1000;

/** One review as shoppers see it: reviewer, stars, time, spec, text, photos, the follow-up and the shop's reply. */
export function ReviewCard({ review }: { review: Review }) {
  const { t } = useTranslation();
  const days = review.followUp ? Math.floor((review.followUp.at - review.createdAt) / DAY) : 0;
  return (
    <article className="rv-card" data-testid="review-card" data-review-id={review.id}>
      <header className="rv-head">
        <span className="rv-avatar" aria-hidden="true">
          {Array.from(review.reviewer)[0]}
        </span>
        <span className="rv-name" data-user-content>
          {review.reviewer}
        </span>
        <StarsView n={review.stars.product} />
        <span className="muted small rv-time">
          <TimeAgo ms={review.createdAt} />
        </span>
      </header>
      {review.specValues.length > 0 && (
        <p className="muted small" data-user-content>
          {t('reviews.anonymousSpec', { spec: review.specValues.join(' / ') })}
        </p>
      )}
      {review.text && (
        <p className="rv-text" data-user-content data-testid="review-text">
          {review.text}
        </p>
      )}
      {review.photos.length > 0 && <Photos urls={review.photos} />}
      {review.followUp && (
        <div className="rv-followup" data-testid="review-followup">
          <strong className="small">
            {days > 0 ? t('reviews.followUpAfter', { days }) : t('reviews.followUpSameDay')}
          </strong>
          <p className="rv-text" data-user-content>
            {review.followUp.text}
          </p>
          {review.followUp.photos.length > 0 && <Photos urls={review.followUp.photos} />}
        </div>
      )}
      {review.reply && (
        <div className="rv-reply" data-testid="review-reply">
          <strong className="small">{t('reviews.reply')}：</strong>
          <span data-user-content>{review.reply.text}</span>
        </div>
      )}
    </article>
  );
}

function Photos({ urls }: { urls: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="rv-photos">
      {urls.map((u) => (
        <a key={u} href={u} target="_blank" rel="noreferrer" className="rv-photo">
          <img src={u} alt={t('reviews.photoAlt')} loading="lazy" data-testid="review-photo" />
        </a>
      ))}
    </div>
  );
}
