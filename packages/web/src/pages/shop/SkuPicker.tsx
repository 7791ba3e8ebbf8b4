import type { ProductDetail } from '../../api/types';
import { isValueAvailable, type Selection } from './skus';

/** Chips per spec option (规格: 5斤 / 10斤); combinations without stock are disabled. */
export function SkuPicker({
  product,
  selection,
  onChange,
}: {
  product: ProductDetail;
  selection: Selection;
  onChange(next: Selection): void;
}) {
  return (
    <div className="sku-picker" data-testid="sku-picker">
      {product.specOptions.map((option, i) => (
        <fieldset key={option.name} className="sku-option">
          <legend>{option.name}</legend>
          <div className="chips">
            {option.values.map((value) => {
              const selected = selection[i] === value;
              const available = isValueAvailable(product, selection, i, value);
              return (
                <button
                  key={value}
                  type="button"
                  className={`chip${selected ? ' chip-selected' : ''}`}
                  aria-pressed={selected}
                  disabled={!available && !selected}
                  data-testid="sku-chip"
                  onClick={() => {
                    const next = [...selection];
                    next[i] = selected ? null : value;
                    onChange(next);
                  }}
                >
                  {value}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
