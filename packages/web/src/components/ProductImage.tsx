import { useState } from 'react';
import { placeholderFor } from '../lib/placeholder';

/** A product image, or a coloured square with the title's first characters when there is none. */
export function ProductImage({
  src,
  title,
  className = '',
}: {
  src: string | null | undefined;
  title: string;
  className?: string;
}) {
  const [failed, setFailed] = useState(false);
  if (src && !failed) {
    return (
      <img
        className={`product-image ${className}`}
        src={src}
        alt={title}
        loading="lazy"
        onError={() => setFailed(true)}
      />
    );
  }
  const { color, label } = placeholderFor(title);
  return (
    <div
      className={`product-image product-placeholder ${className}`}
      style={{ background: color }}
      role="img"
      aria-label={title}
    >
      <span>{label}</span>
    </div>
  );
}
