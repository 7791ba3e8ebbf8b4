import { ProductImage } from './ProductImage';

/** A line's image; without one, the placeholder uses the title without its 【…】 promo prefix. */
export function LineImage({
  src,
  title,
  className = 'line-image',
}: {
  src: string | null | undefined;
  title: string;
  className?: string;
}) {
  const plain = title.replace(/^\s*[【[][^】\]]*[】\]]\s*/u, '') || title;
  return <ProductImage src={src} title={plain} className={className} />;
}
