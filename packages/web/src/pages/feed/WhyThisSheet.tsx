import { useTranslation } from 'react-i18next';
import type { FeedReason } from '../../api/shopper-types';
import { Sheet } from '../../components/Sheet';

const KNOWN = new Set([
  'followed_creator',
  'because_you_liked',
  'popular_in_category',
  'tag_interest',
  'similar_taste',
  'trending',
  'new',
  'popular',
  'more',
  'explore',
]);

/** The sentence of a reason code (an unknown code from a newer server reads "recommended for you"). */
export function useReasonText(): (reason: FeedReason | undefined) => string {
  const { t } = useTranslation();
  return (reason) =>
    reason && KNOWN.has(reason.code) ? t(`feed.why.${reason.code}`, reason.params) : t('feed.why.unknown');
}

/** "Why this" on long-press of a feed card: the reason, "not interested" and 举报. */
export function WhyThisSheet({
  reason,
  onNotInterested,
  onReport,
  onClose,
}: {
  reason: FeedReason | undefined;
  onNotInterested(): void;
  onReport?(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const text = useReasonText();
  return (
    <Sheet title={t('feed.whyTitle')} onClose={onClose} testId="why-sheet">
      <p className="why-reason" data-testid="why-reason" data-code={reason?.code ?? ''}>
        {text(reason)}
      </p>
      <button type="button" className="why-not-interested" data-testid="not-interested" onClick={onNotInterested}>
        {t('feed.notInterested')}
      </button>
      {onReport && (
        <button type="button" className="why-not-interested" data-testid="video-report" onClick={onReport}>
          {t('moderation.report')}
        </button>
      )}
    </Sheet>
  );
}
