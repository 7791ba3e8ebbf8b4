import { useTranslation } from 'react-i18next';
import type { BagItem } from '../../api/live';
import { LineImage } from '../../components/LineImage';
import { Price } from '../../components/Price';

/** 讲解中: the product the host is presenting, shown to everyone above the comments. */
export function PinnedCard({ item, onOpen }: { item: BagItem; onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="live-pinned" onClick={onOpen} data-testid="pinned-card" data-product-id={item.id}>
      <LineImage src={item.imageUrl} title={item.title} className="live-pinned-image" />
      <span className="live-pinned-text">
        <span className="live-pinned-tag">{t('live.pinned')}</span>
        <span className="live-pinned-title">{item.title}</span>
        <Price fen={item.priceFen} />
      </span>
      <span className="live-pinned-go">{t('live.buyNow')}</span>
    </button>
  );
}
