import { useTranslation } from 'react-i18next';

/** Five stars, the first `n` lit (read-only). */
export function StarsView({ n, size = 'small' }: { n: number; size?: 'small' | 'large' }) {
  const { t } = useTranslation();
  return (
    <span className={`rv-stars rv-stars-${size}`} role="img" aria-label={t('reviews.starLabel', { n })} data-stars={n}>
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} className={i <= Math.round(n) ? 'rv-star-on' : 'rv-star-off'} aria-hidden="true">
          ★
        </span>
      ))}
    </span>
  );
}

/** A 1–5 star choice as a radio group, with the chosen stars' word (非常好 …). */
export function StarInput({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: number;
  onChange(n: number): void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="rv-star-input">
      <span className="rv-star-label">{label}</span>
      <span role="radiogroup" aria-label={label} data-testid={testId} data-value={value}>
        {[1, 2, 3, 4, 5].map((i) => (
          <button
            key={i}
            type="button"
            role="radio"
            aria-checked={value === i}
            aria-label={t('reviews.starLabel', { n: i })}
            className={`rv-star-btn ${i <= value ? 'rv-star-on' : 'rv-star-off'}`}
            data-testid={`${testId}-${i}`}
            onClick={() => onChange(i)}
          >
            ★
          </button>
        ))}
      </span>
      <span className="muted small rv-star-word">{value ? t(`reviews.starWords.${value}`) : ''}</span>
    </div>
  );
}
