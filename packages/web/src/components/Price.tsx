import { formatFen } from '../lib/money';

/** Red price with the crossed-out original price when there is a higher one. */
export function Price({
  fen,
  originalFen,
  size = 'normal',
  suffix,
}: {
  fen: number;
  originalFen?: number | null;
  size?: 'normal' | 'large';
  suffix?: string;
}) {
  const amount = formatFen(fen).replace('¥', ''); // "29.90"; the symbol is drawn smaller
  return (
    <span className={`price price-${size}`}>
      <span className="price-now" data-testid="price">
        <span className="price-symbol">¥</span>
        {amount}
      </span>
      {suffix && <span className="price-suffix">{suffix}</span>}
      {originalFen != null && originalFen > fen && (
        <s className="price-original" data-testid="original-price">
          {formatFen(originalFen)}
        </s>
      )}
    </span>
  );
}
