import { useTranslation } from 'react-i18next';
import type { Attribution } from '../../api/types';
import { ErrorNote } from '../../components/ErrorNote';
import { Sheet } from '../../components/Sheet';
import { Skeleton, SkeletonLines } from '../../components/Skeleton';
import { SheetBody } from '../feed/ProductSheet';
import { useProduct } from '../shop/useProduct';

/** A product of the room's bag over the video (SKU, quantity, cart or buy), credited to the room. */
export function LiveProductSheet({
  productId,
  attribution,
  onClose,
  onToast,
}: {
  productId: string;
  attribution: Attribution;
  onClose(): void;
  onToast(text: string): void;
}) {
  const { t } = useTranslation();
  const { product, error, retry } = useProduct(productId);
  return (
    <Sheet title={t('live.bag.product')} onClose={onClose} testId="live-product-sheet" tall>
      {product && product.id === productId ? (
        <SheetBody key={product.id} product={product} attribution={attribution} onToast={onToast} />
      ) : error != null ? (
        <ErrorNote error={error} onRetry={retry} />
      ) : (
        <div className="psheet-head">
          <Skeleton width={96} height={96} radius={8} />
          <SkeletonLines lines={3} />
        </div>
      )}
    </Sheet>
  );
}
