import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VideoAnchor, VideoCard } from '../../api/shopper-types';
import { CartIcon } from '../../components/Icons';
import { Price } from '../../components/Price';
import { ProductImage } from '../../components/ProductImage';

/** Bottom-left: the product card (小黄车), @creator, and the caption with its #hashtags. */
export function VideoInfo({ video, onProduct }: { video: VideoCard; onProduct(anchor: VideoAnchor): void }) {
  const { t } = useTranslation();
  const anchor = video.anchors[0];
  return (
    <div className="info">
      {anchor && (
        <button type="button" className="anchor-card" data-testid="anchor-card" onClick={() => onProduct(anchor)}>
          <span className="anchor-cart" aria-hidden="true">
            <CartIcon />
          </span>
          <ProductImage src={anchor.imageUrl} title={anchor.title} className="anchor-thumb" />
          <span className="anchor-text">
            <span className="anchor-title">{anchor.title}</span>
            <Price fen={anchor.priceFen} />
          </span>
          {video.anchors.length > 1 && <span className="anchor-more">+{video.anchors.length - 1}</span>}
        </button>
      )}
      <Link to={`/app/u/${encodeURIComponent(video.creator.id)}`} className="info-creator">
        @{video.creator.displayName}
        {video.hostKind === 'shop' && <span className="info-tag">{t('feed.hostShop')}</span>}
        {video.ad && (
          <span className="info-tag info-ad" data-testid="ad-label" title={t('feed.adHint')}>
            {t('feed.ad')}
          </span>
        )}
      </Link>
      <p className="info-caption">
        <strong className="info-title">{video.title}</strong> <Caption text={video.caption} />
      </p>
    </div>
  );
}

/** The caption with #hashtags drawn bold. */
function Caption({ text }: { text: string }) {
  const parts = text.split(/(#[^\s#]+)/u);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('#') ? (
          <span className="hashtag" key={i}>
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
