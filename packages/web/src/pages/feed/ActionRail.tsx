import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VideoCard } from '../../api/shopper-types';
import { CommentIcon, HeartIcon, ShareIcon } from '../../components/Icons';
import { formatCount } from '../../lib/format';

interface Props {
  video: VideoCard;
  isSelf: boolean;
  /** The room the creator is live in now: the avatar wears the live ring and opens the room. */
  liveRoomId?: string | undefined;
  onFollow(): void;
  onLike(): void;
  onComments(): void;
  onShare(): void;
}

/** The right-edge column, bottom-up: avatar with "+", like, comment, share, the shop for 店播. */
export function ActionRail({ video, isSelf, liveRoomId, onFollow, onLike, onComments, onShare }: Props) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatCount(value, i18n.language);
  const initial = Array.from(video.creator.displayName)[0] ?? '@';
  return (
    <div className="rail">
      <div className="rail-avatar-wrap">
        {liveRoomId ? (
          <Link
            to={`/app/live/${encodeURIComponent(liveRoomId)}`}
            className="rail-avatar rail-avatar-live"
            aria-label={t('feed.liveNow', { name: video.creator.displayName })}
            data-testid="rail-live"
            data-room-id={liveRoomId}
          >
            {initial}
            <span className="rail-live-tag" aria-hidden="true">
              {t('feed.liveTag')}
            </span>
          </Link>
        ) : (
          <Link
            to={`/app/u/${encodeURIComponent(video.creator.id)}`}
            className="rail-avatar"
            aria-label={video.creator.displayName}
          >
            {initial}
          </Link>
        )}
        {!video.creator.followed && !isSelf && !liveRoomId && (
          <button
            type="button"
            className="follow-badge"
            aria-label={t('feed.follow', { name: video.creator.displayName })}
            data-testid="follow"
            onClick={onFollow}
          >
            +
          </button>
        )}
      </div>
      <button
        type="button"
        className={`rail-btn${video.liked ? ' rail-liked' : ''}`}
        aria-pressed={video.liked}
        aria-label={video.liked ? t('feed.unlike') : t('feed.like')}
        data-testid="like"
        onClick={onLike}
      >
        <HeartIcon />
        <span data-testid="like-count">{n(video.stats.likes)}</span>
      </button>
      <button
        type="button"
        className="rail-btn"
        aria-label={t('feed.comments')}
        data-testid="comments"
        onClick={onComments}
      >
        <CommentIcon />
        <span>{n(video.stats.comments)}</span>
      </button>
      <button type="button" className="rail-btn" aria-label={t('feed.share')} data-testid="share" onClick={onShare}>
        <ShareIcon />
        <span>{n(video.stats.shares)}</span>
      </button>
      {video.shop && (
        <Link to={`/app/shop/${encodeURIComponent(video.shop.id)}`} className="rail-shop" data-testid="rail-shop">
          <span className="rail-shop-icon" aria-hidden="true">
            {Array.from(video.shop.name)[0]}
          </span>
          <span className="rail-shop-name">{video.shop.name}</span>
        </Link>
      )}
    </div>
  );
}
