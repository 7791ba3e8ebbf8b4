import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { reportAdEntry } from '../../api/ads';
import { useAuth } from '../../auth/AuthContext';
import { ErrorNote } from '../../components/ErrorNote';
import { CartIcon } from '../../components/Icons';
import { useToast } from '../../components/useToast';
import { formatCount } from '../../lib/format';
import { loginUrl } from '../../lib/next';
import { useNow } from '../aftersales/useNow';
import { BagSheet } from './BagSheet';
import { ChatInput, ChatOverlay } from './ChatOverlay';
import { CouponChips } from './CouponChips';
import { FlashSaleBanner } from './FlashSaleBanner';
import { HostSheet } from './HostSheet';
import { ReportSheet } from '../../components/ReportSheet';
import { LikeButton } from './LikeButton';
import { featuredSale, salePhase } from './live-client';
import { LivePlayer } from './LivePlayer';
import { LiveProductSheet } from './LiveProductSheet';
import { useLiveErrorText } from './LiveError';
import { LuckyBagCard } from './LuckyBagCard';
import { PinnedCard } from './PinnedCard';
import { SaleBuySheet } from './SaleBuySheet';
import { useLiveRoom } from './useLiveRoom';
import '../../styles/shop.css';
import '../../styles/feed.css';
import './live.css';

type SheetState =
  | null
  | { kind: 'bag' }
  | { kind: 'product'; productId: string }
  | { kind: 'sale'; saleId: string }
  | { kind: 'host' }
  | { kind: 'report' };

/** /app/live/:roomId — the live room: video, comments, likes, 讲解中 card, 小黄车, 秒杀, coupons, 福袋. */
export function LiveRoomPage() {
  const { t, i18n } = useTranslation();
  const { roomId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { auth } = useAuth();
  const live = useLiveRoom(roomId);
  const now = useNow(1000);
  const toast = useToast();
  const errorText = useLiveErrorText();
  const [sheet, setSheet] = useState<SheetState>(null);
  const { view } = live;
  const room = view.room;
  const userId = auth.status === 'authenticated' ? auth.user.id : null;

  // Opened from a live-room ad (?ad=<impression id>): the entry is the campaign's conversion.
  const adImpression = new URLSearchParams(location.search).get('ad');
  useEffect(() => {
    if (adImpression) reportAdEntry(adImpression);
  }, [adImpression]);

  useEffect(() => {
    if (live.socketError) toast.show(errorText(live.socketError.code));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live.socketError]);

  function needLogin(): boolean {
    if (userId) return false;
    navigate(loginUrl(location.pathname));
    return true;
  }

  if (!room) {
    return (
      <div className="phone-stage feed-stage">
        <div className="phone feed-phone live-phone" data-testid="live-room" data-loading="true">
          {live.loadError != null ? (
            <div className="feed-error">
              <ErrorNote error={live.loadError} onRetry={live.reload} />
              <Link to="/app" className="btn">
                {t('live.backHome')}
              </Link>
            </div>
          ) : (
            <div className="feed-loading live-loading">
              <span className="spinner" aria-label={t('feed.loading')} />
            </div>
          )}
        </div>
      </div>
    );
  }

  const sale = featuredSale(room.sales, now);
  const buying = sheet?.kind === 'sale' ? (room.sales.find((s) => s.id === sheet.saleId) ?? null) : null;
  const attribution = {
    source: 'live',
    contentId: room.id,
    creatorId: room.host.kind === 'creator' ? room.host.id : null,
  };
  const n = (value: number) => formatCount(value, i18n.language);
  // A product on 秒杀 right now opens the sale's two-tap purchase; any other opens the product.
  const openProduct = (productId: string) => {
    const onSale = room.sales.find((s) => s.productId === productId && salePhase(s, now) === 'open');
    if (onSale && needLogin()) return;
    setSheet(onSale ? { kind: 'sale', saleId: onSale.id } : { kind: 'product', productId });
  };

  return (
    <div className="phone-stage feed-stage">
      <div
        className="phone feed-phone live-phone"
        data-testid="live-room"
        data-room-id={room.id}
        data-status={room.status}
        data-connection={live.status}
      >
        <LivePlayer hlsUrl={room.playback.hlsUrl} fallbackUrl={room.playback.fallbackVideoUrl} />
        <header className="live-top">
          <button
            type="button"
            className="live-host live-host-button"
            onClick={() => setSheet({ kind: 'host' })}
            aria-label={t('liveHost.open', { name: room.host.name })}
            data-testid="live-host"
          >
            <span className="live-host-avatar" aria-hidden="true">
              {Array.from(room.host.name)[0] ?? '播'}
            </span>
            <span className="live-host-text">
              <strong>{room.host.name}</strong>
              <small data-testid="live-online" data-online={view.online}>
                {t('live.online', { n: n(view.online) })}
              </small>
            </span>
          </button>
          <span className="live-badge">
            {room.status === 'live'
              ? t('live.onAir')
              : room.status === 'scheduled'
                ? t('live.scheduled')
                : t('live.ended')}
          </span>
          <button
            type="button"
            className="live-close"
            aria-label={t('live.leave')}
            onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/app'))}
          >
            ×
          </button>
        </header>
        {live.status === 'reconnecting' && (
          <div className="live-reconnect" role="status" data-testid="live-reconnecting">
            {t('live.reconnecting')}
          </div>
        )}
        <div className="live-side">
          {room.luckyBags.map((bag) => (
            <LuckyBagCard
              key={bag.id}
              bag={bag}
              now={now}
              userId={userId}
              onEnter={(keyword) => !needLogin() && live.comment(keyword)}
            />
          ))}
        </div>
        <div className="live-bottom">
          {sale && (
            <FlashSaleBanner
              sale={sale}
              now={now}
              onBuy={() => !needLogin() && setSheet({ kind: 'sale', saleId: sale.id })}
            />
          )}
          <CouponChips roomId={room.id} coupons={room.coupons} onNeedLogin={needLogin} onToast={toast.show} />
          <ChatOverlay lines={view.comments} />
          {room.pinned && <PinnedCard item={room.pinned} onOpen={() => openProduct(room.pinned!.id)} />}
          <div className="live-bar">
            <button
              type="button"
              className="live-bag-btn"
              onClick={() => setSheet({ kind: 'bag' })}
              aria-label={t('live.bag.open')}
              data-testid="bag-button"
            >
              <CartIcon size={22} />
              <small>{room.bag.length}</small>
            </button>
            <ChatInput disabled={userId === null} onSend={(text) => (needLogin() ? false : live.comment(text))} />
          </div>
        </div>
        <div className="live-right">
          <LikeButton total={view.likes + live.localLikes} onTap={live.like} />
        </div>
        {room.status === 'scheduled' && !view.ended && (
          <div className="live-notice" data-testid="live-not-started">
            {t('live.notStarted')}
          </div>
        )}
        {view.ended && (
          <div className="live-ended" data-testid="live-ended">
            <p>{t('live.endedTitle')}</p>
            <small>{t('live.endedStats', { viewers: n(view.cumulative), likes: n(view.likes) })}</small>
            <Link to="/app" className="btn">
              {t('live.backHome')}
            </Link>
          </div>
        )}
        {sheet?.kind === 'bag' && (
          <BagSheet
            bag={room.bag}
            pinnedId={room.pinned?.id ?? null}
            sales={room.sales}
            onProduct={openProduct}
            onClose={() => setSheet(null)}
          />
        )}
        {sheet?.kind === 'product' && (
          <LiveProductSheet
            productId={sheet.productId}
            attribution={attribution}
            onClose={() => setSheet(null)}
            onToast={toast.show}
          />
        )}
        {sheet?.kind === 'host' && (
          <HostSheet
            host={room.host}
            roomId={room.id}
            onReport={() => !needLogin() && setSheet({ kind: 'report' })}
            onClose={() => setSheet(null)}
          />
        )}
        {sheet?.kind === 'report' && (
          <ReportSheet
            kind="live_room"
            subjectId={room.id}
            onClose={() => setSheet(null)}
            onDone={(message) => (setSheet(null), toast.show(message))}
          />
        )}
        {buying && (
          <SaleBuySheet
            key={buying.productId}
            sales={room.sales}
            initialId={buying.id}
            now={now}
            onClose={() => setSheet(null)}
          />
        )}
        {toast.node}
      </div>
    </div>
  );
}
