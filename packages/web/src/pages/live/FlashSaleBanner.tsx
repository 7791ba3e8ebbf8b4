import { useTranslation } from 'react-i18next';
import type { FlashSale } from '../../api/live';
import { Price } from '../../components/Price';
import { formatCountdown, salePhase, soldShare } from './live-client';

/** 秒杀 banner: the SKU on sale (product and spec), its price, the live remaining stock with a bar, and the countdown to the start or the end. */
export function FlashSaleBanner({ sale, now, onBuy }: { sale: FlashSale; now: number; onBuy(): void }) {
  const { t } = useTranslation();
  const phase = salePhase(sale, now);
  const countdown =
    phase === 'upcoming'
      ? t('live.sale.startsIn', { time: formatCountdown(sale.startsAt - now) })
      : phase === 'open'
        ? t('live.sale.endsIn', { time: formatCountdown(sale.endsAt - now) })
        : null;
  return (
    <section
      className={`live-sale live-sale-${phase}`}
      data-testid="sale-banner"
      data-sale-id={sale.id}
      data-phase={phase}
      aria-live="polite"
    >
      <div className="live-sale-head">
        <span className="live-sale-tag">{t('live.sale.tag')}</span>
        <span className="live-sale-title" data-testid="sale-label" data-sku-id={sale.skuId}>
          {sale.label}
        </span>
        {countdown && (
          <span className="live-sale-clock" data-testid="sale-countdown">
            {countdown}
          </span>
        )}
      </div>
      <div className="live-sale-body">
        <Price fen={sale.priceFen} originalFen={sale.originalPriceFen} />
        <div className="live-sale-stock">
          <span className="live-sale-bar" aria-hidden="true">
            <span style={{ width: `${Math.round(soldShare(sale) * 100)}%` }} />
          </span>
          <span data-testid="sale-remaining" data-remaining={sale.remaining}>
            {t('live.sale.remaining', { n: sale.remaining, total: sale.quantity })}
          </span>
        </div>
        <button
          type="button"
          className="live-sale-buy"
          disabled={phase !== 'open'}
          onClick={onBuy}
          data-testid="sale-buy"
        >
          {phase === 'open'
            ? t('live.sale.buy')
            : phase === 'upcoming'
              ? t('live.sale.soon')
              : phase === 'soldOut'
                ? t('live.sale.soldOut')
                : t('live.sale.ended')}
        </button>
      </div>
      <small className="live-sale-limit">{t('live.sale.limit', { n: sale.perPersonLimit })}</small>
    </section>
  );
}
