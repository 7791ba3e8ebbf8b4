import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { reportAdClick, reportAdImpression } from '../../api/ads';
import type { LiveAdRoom, VideoCard } from '../../api/shopper-types';

/**
 * A live-room ad in the feed: the room's card (cover, 直播中, title, host, viewers) labelled 广告.
 * Its impression is reported when it is current; the button opens the room with the impression
 * id, where the entry counts as the campaign's conversion.
 */
export function LiveAdSlide({ card, room, active }: { card: VideoCard; room: LiveAdRoom; active: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const impressionId = card.ad!.impressionId;
  useEffect(() => {
    if (active) reportAdImpression(impressionId);
  }, [active, impressionId]);

  function enter() {
    reportAdClick(impressionId);
    navigate(`/app/live/${encodeURIComponent(room.id)}?ad=${encodeURIComponent(impressionId)}`);
  }

  return (
    <div className="slide live-ad-slide" data-testid="live-ad" data-room-id={room.id}>
      {card.posterUrl ? (
        <img className="slide-poster" src={card.posterUrl} alt="" />
      ) : (
        <div className="slide-poster live-ad-backdrop" />
      )}
      <div className="live-ad-body">
        <span className="live-ad-now">{t('feed.liveAdNow')}</span>
        <strong className="live-ad-title">{room.title}</strong>
        <span className="live-ad-host">
          @{room.hostName}
          <span className="info-tag info-ad" data-testid="ad-label" title={t('feed.adHint')}>
            {t('feed.ad')}
          </span>
        </span>
        <span className="live-ad-online">{t('feed.liveAdOnline', { n: room.online })}</span>
        <button type="button" className="live-ad-enter" onClick={enter} data-testid="live-ad-enter">
          {t('feed.liveAdEnter')}
        </button>
      </div>
    </div>
  );
}
