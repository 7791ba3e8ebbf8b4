import { useTranslation } from 'react-i18next';

/** Quantity 1..max with − / + buttons and a typed value. */
export function QuantityStepper({
  value,
  max,
  onChange,
  disabled = false,
}: {
  value: number;
  max: number;
  onChange(next: number): void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const upper = Math.max(1, max);
  const clamp = (n: number) => Math.min(upper, Math.max(1, Math.trunc(n) || 1));
  return (
    <div className="stepper" data-testid="quantity">
      <button
        type="button"
        aria-label={t('product.decrease')}
        disabled={disabled || value <= 1}
        onClick={() => onChange(clamp(value - 1))}
      >
        −
      </button>
      <input
        inputMode="numeric"
        aria-label={t('product.quantity')}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(clamp(Number(e.target.value.replace(/\D/g, ''))))}
      />
      <button
        type="button"
        aria-label={t('product.increase')}
        disabled={disabled || value >= upper}
        onClick={() => onChange(clamp(value + 1))}
      >
        +
      </button>
    </div>
  );
}
