import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';

interface Props {
  state: 'ready' | 'soldOut' | 'delisted';
  busy: null | 'cart' | 'buy';
  error: unknown;
  onAddToCart(): void;
  onBuyNow(): void;
  /** Shown before the buttons (the 收藏 star). */
  leading?: ReactNode;
}

/** The bottom bar of the product page: 收藏 · 加入购物车 · 立即购买 (and the last error above them). */
export function BuyBar({ state, busy, error, onAddToCart, onBuyNow, leading }: Props) {
  const { t } = useTranslation();
  const disabled = state !== 'ready' || busy !== null;
  const buyLabel =
    state === 'delisted'
      ? t('product.delisted')
      : state === 'soldOut'
        ? t('product.soldOut')
        : busy === 'buy'
          ? t('product.buying')
          : t('product.buyNow');
  return (
    <div className="buybar-wrap">
      {error != null && <ErrorNote error={error} />}
      <div className="buybar">
        {leading}
        <button type="button" className="btn btn-cart" disabled={disabled} onClick={onAddToCart}>
          {busy === 'cart' ? t('product.adding') : t('product.addToCart')}
        </button>
        <button type="button" className="btn btn-buy" disabled={disabled} onClick={onBuyNow}>
          {buyLabel}
        </button>
      </div>
    </div>
  );
}
