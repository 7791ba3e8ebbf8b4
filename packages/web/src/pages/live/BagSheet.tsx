import { useTranslation } from 'react-i18next';
import type { BagItem, FlashSale } from '../../api/live';
import { LineImage } from '../../components/LineImage';
import { Price } from '../../components/Price';
import { Sheet } from '../../components/Sheet';

/** 小黄车: the products of the room, numbered as the host calls them; the pinned one marked 讲解中. */
export function BagSheet({
  bag,
  pinnedId,
  sales,
  onProduct,
  onClose,
}: {
  bag: BagItem[];
  pinnedId: string | null;
  sales: FlashSale[];
  onProduct(productId: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Sheet title={t('live.bag.title', { n: bag.length })} onClose={onClose} testId="bag-sheet" tall>
      <div className="live-sheet">
        {bag.length === 0 ? (
          <p className="muted live-empty">{t('live.bag.empty')}</p>
        ) : (
          <ol className="live-bag">
            {bag.map((item, i) => {
              // Several SKUs of the product may be on sale: the bag shows the lowest sale price.
              const sale = sales
                .filter((s) => s.productId === item.id && s.status !== 'ended')
                .sort((a, b) => a.priceFen - b.priceFen)[0];
              return (
                <li key={item.id}>
                  <button
                    type="button"
                    className="live-bag-item"
                    onClick={() => onProduct(item.id)}
                    data-testid="bag-item"
                    data-product-id={item.id}
                  >
                    <span className="live-bag-no">{i + 1}</span>
                    <LineImage src={item.imageUrl} title={item.title} />
                    <span className="live-bag-text">
                      <span className="live-bag-title">{item.title}</span>
                      {item.id === pinnedId && <span className="live-pinned-tag">{t('live.pinned')}</span>}
                      {sale && <span className="live-sale-tag">{t('live.sale.tag')}</span>}
                      <Price
                        fen={sale ? sale.priceFen : item.priceFen}
                        originalFen={sale ? sale.originalPriceFen : null}
                      />
                    </span>
                    <span className="live-bag-go">{t('live.bag.go')}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </Sheet>
  );
}
