import { useTranslation } from 'react-i18next';
import { formatBp, type Offer } from '../../../../api/affiliate';
import { formatFen } from '../../../../lib/money';

/** What a creator earns now on a product: the plan, the rate (less a colonel's fee) and about how much per unit. */
export function OfferText({ offer, priceFen }: { offer: Offer; priceFen: number }) {
  const { t } = useTranslation();
  if (offer.reason !== 'plan')
    return (
      <span className="cs-muted" data-testid="offer" data-reason={offer.reason}>
        {t(`affiliate.offer.${offer.reason}`)}
      </span>
    );
  return (
    <span data-testid="offer" data-reason="plan" data-kind={offer.kind ?? ''} data-rate={offer.creatorRateBp}>
      <strong>{formatBp(offer.creatorRateBp)}</strong>{' '}
      <span className="cs-muted">{t(`affiliate.kind.${offer.kind}`)}</span>
      {offer.colonelFeeBp > 0 && (
        <span className="cs-muted"> · {t('affiliate.offer.colonelFee', { fee: formatBp(offer.colonelFeeBp) })}</span>
      )}
      {offer.protected && <span className="cs-muted"> · {t('affiliate.offer.protected')}</span>}
      <br />
      <span className="cs-muted">
        {t('affiliate.offer.perUnit', { amount: formatFen(Math.floor((priceFen * offer.creatorRateBp) / 10_000)) })}
      </span>
    </span>
  );
}
