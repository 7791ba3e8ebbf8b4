import type { OrderLine } from '../../api/shopper-types';
import { LineImage } from '../../components/LineImage';
import { Price } from '../../components/Price';
import { LineOriginNote } from '../shop/OriginCard';

/** One order line: thumbnail, title, spec, unit price and quantity (the caller chooses the wrapper). */
export function OrderLineBody({ line }: { line: OrderLine }) {
  return (
    <>
      <LineImage src={line.imageUrl} title={line.title} />
      <div className="line-main">
        <span className="line-title">{line.title}</span>
        <span className="line-spec">{line.specValues.join(' / ')}</span>
        <div className="line-bottom">
          <Price fen={line.unitPriceFen} />
          <span className="muted">×{line.quantity}</span>
        </div>
        <LineOriginNote line={line} />
      </div>
    </>
  );
}
