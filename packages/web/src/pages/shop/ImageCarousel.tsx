import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProductImage } from '../../components/ProductImage';

/** Swipeable images (scroll-snap) with an "n/N" indicator; a placeholder when there are none. */
export function ImageCarousel({ images, title }: { images: string[]; title: string }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  if (images.length === 0) {
    return (
      <div className="carousel">
        <ProductImage src={null} title={title} className="carousel-image" />
      </div>
    );
  }
  return (
    <div className="carousel">
      <div
        className="carousel-track"
        onScroll={(e) => {
          const el = e.currentTarget;
          setIndex(Math.round(el.scrollLeft / Math.max(1, el.clientWidth)));
        }}
      >
        {images.map((src, i) => (
          <div
            className="carousel-slide"
            key={`${src}-${i}`}
            aria-label={t('product.imageOf', { index: i + 1, total: images.length })}
          >
            <ProductImage src={src} title={title} className="carousel-image" />
          </div>
        ))}
      </div>
      {images.length > 1 && (
        <span className="carousel-counter">
          {Math.min(index + 1, images.length)}/{images.length}
        </span>
      )}
    </div>
  );
}
