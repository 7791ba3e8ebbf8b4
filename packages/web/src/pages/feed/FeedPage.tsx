import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { track } from '../../api/events';
import { reportAdClick } from '../../api/ads';
import { followUser, likeVideo, shareVideo } from '../../api/shopper';
import type { FeedTab, VideoAnchor, VideoCard } from '../../api/shopper-types';
import { useAuth } from '../../auth/AuthContext';
import { BottomNav } from '../../components/BottomNav';
import { ErrorNote } from '../../components/ErrorNote';
import { SearchIcon } from '../../components/Icons';
import { useToast } from '../../components/useToast';
import { loginUrl } from '../../lib/next';
import { LiveEntry } from '../live/LiveEntry';
import { liveRoomOf, useLiveRooms } from '../live/useLiveRooms';
import { ActionRail } from './ActionRail';
import { CommentSheet } from './CommentSheet';
import { ReportSheet } from '../../components/ReportSheet';
import { FeedEmpty } from './FeedEmpty';
import { ProductSheet } from './ProductSheet';
import { useFeed } from './useFeed';
import { useSwipe } from './useSwipe';
import { VideoInfo } from './VideoInfo';
import { VideoSlide } from './VideoSlide';
import { LiveAdSlide } from './LiveAdSlide';
import { WhyThisSheet } from './WhyThisSheet';
import '../../styles/shop.css';
import '../../styles/feed.css';

/** The home feed: one full-screen video at a time, 推荐 / 关注 tabs; `/v/:videoId` opens a shared video first. */
export function FeedPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { videoId: sharedId = null } = useParams();
  const [params, setParams] = useSearchParams();
  const { auth } = useAuth();
  const tab: FeedTab = params.get('tab') === 'following' ? 'following' : 'recommend';
  const needsLogin = tab === 'following' && auth.status === 'anonymous';
  const feed = useFeed(tab, auth.status !== 'loading' && !needsLogin, tab === 'recommend' ? sharedId : null);
  const [index, setIndex] = useState(0);
  const [muted, setMuted] = useState(true);
  const liveRooms = useLiveRooms();
  const [sheet, setSheet] = useState<
    null | { kind: 'comments' } | { kind: 'product'; productId: string } | { kind: 'why' } | { kind: 'report' }
  >(null);
  const toast = useToast();
  const endShown = useRef(false);

  useEffect(() => setIndex(0), [tab, feed.loaded === false]);
  const current: VideoCard | undefined = feed.items[index];
  const userId = auth.status === 'authenticated' ? auth.user.id : null;

  useEffect(() => {
    if (feed.hasMore && index >= feed.items.length - 3) feed.loadMore();
  }, [index, feed.items.length, feed.hasMore, feed.loadMore]);

  // Preload the next video's poster so the next swipe never shows a blank frame.
  const nextPoster = feed.items[index + 1]?.posterUrl;
  useEffect(() => {
    if (!nextPoster) return;
    const img = new Image();
    img.src = nextPoster;
  }, [nextPoster]);

  const go = useCallback(
    (delta: 1 | -1) => {
      setIndex((i) => {
        const next = i + delta;
        if (next < 0) return i;
        if (next >= feed.items.length) {
          if (!feed.hasMore && !endShown.current && feed.items.length > 0) {
            endShown.current = true;
            toast.show(t('feed.end'));
          }
          return i;
        }
        endShown.current = false;
        return next;
      });
    },
    [feed.items.length, feed.hasMore, toast, t],
  );
  const swipe = useSwipe(go, sheet === null);

  function needLogin(): boolean {
    if (userId) return false;
    navigate(loginUrl(location.pathname + location.search));
    return true;
  }

  async function like(video: VideoCard) {
    if (needLogin()) return;
    const liked = !video.liked;
    const sameVideo = (v: VideoCard) => v.id === video.id;
    feed.update(sameVideo, (v) => ({
      ...v,
      liked,
      stats: { ...v.stats, likes: Math.max(0, v.stats.likes + (liked ? 1 : -1)) },
    }));
    if (liked) track('like', { videoId: video.id });
    try {
      const res = await likeVideo(video.id, liked);
      feed.update(sameVideo, (v) => ({ ...v, liked: res.liked, stats: { ...v.stats, likes: res.likes } }));
    } catch {
      feed.update(sameVideo, (v) => ({ ...v, liked: video.liked, stats: { ...v.stats, likes: video.stats.likes } }));
    }
  }

  async function follow(video: VideoCard) {
    if (needLogin()) return;
    const byCreator = (v: VideoCard) => v.creator.id === video.creator.id;
    feed.update(byCreator, (v) => ({ ...v, creator: { ...v.creator, followed: true } }));
    track('follow', { videoId: video.id });
    try {
      await followUser(video.creator.id, true);
      toast.show(t('feed.followed'));
    } catch {
      feed.update(byCreator, (v) => ({ ...v, creator: { ...v.creator, followed: false } }));
    }
  }

  async function share(video: VideoCard) {
    track('share', { videoId: video.id });
    let url = `${window.location.origin}/v/${encodeURIComponent(video.id)}`;
    try {
      const res = await shareVideo(video.id);
      url = window.location.origin + res.shareUrl;
      feed.update(
        (v) => v.id === video.id,
        (v) => ({ ...v, stats: { ...v.stats, shares: res.shares } }),
      );
    } catch {
      // anonymous or offline: the plain link still works
    }
    try {
      await navigator.clipboard.writeText(url);
      toast.show(t('feed.shareCopied'));
    } catch {
      toast.show(t('feed.shareFailed', { url }));
    }
  }

  function openProduct(video: VideoCard, anchor: VideoAnchor) {
    track('product_tap', { videoId: video.id, productId: anchor.productId });
    if (video.ad) reportAdClick(video.ad.impressionId);
    setSheet({ kind: 'product', productId: anchor.productId });
  }

  function notInterested(video: VideoCard) {
    track('not_interested', { videoId: video.id });
    setSheet(null);
    toast.show(t('feed.notInterestedDone'));
    go(1);
  }

  const setTab = (next: FeedTab) => setParams(next === 'following' ? { tab: 'following' } : {}, { replace: true });

  return (
    <div className="phone-stage feed-stage">
      <div className="phone feed-phone" data-testid="feed">
        <header className="feed-top">
          <LiveEntry className="feed-top-side" rooms={liveRooms} />
          <nav className="feed-tabs" role="tablist">
            {(['following', 'recommend'] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                className={`feed-tab${tab === name ? ' feed-tab-active' : ''}`}
                onClick={() => setTab(name)}
              >
                {t(`feed.${name}`)}
              </button>
            ))}
          </nav>
          <Link
            to="/app/search"
            className="feed-top-side feed-search"
            aria-label={t('nav.search')}
            data-testid="feed-search"
          >
            <SearchIcon />
          </Link>
        </header>
        <div className="slides" {...swipe} tabIndex={-1}>
          {feed.items.map((video, i) =>
            Math.abs(i - index) <= 2 ? (
              <div
                key={video.id}
                className="slide-frame"
                style={{ transform: `translateY(${(i - index) * 100}%)` }}
                aria-hidden={i !== index}
              >
                {video.ad?.liveRoom ? (
                  <LiveAdSlide card={video} room={video.ad.liveRoom} active={i === index} />
                ) : (
                  <VideoSlide
                    video={video}
                    active={i === index}
                    near={Math.abs(i - index) <= 1}
                    muted={muted}
                    onUnmute={() => setMuted(false)}
                    onLongPress={tab === 'recommend' ? () => setSheet({ kind: 'why' }) : undefined}
                  >
                    <ActionRail
                      video={video}
                      isSelf={video.creator.id === userId}
                      liveRoomId={liveRoomOf(liveRooms, video.creator.id, video.shop?.id ?? null)?.id}
                      onFollow={() => void follow(video)}
                      onLike={() => void like(video)}
                      onComments={() => setSheet({ kind: 'comments' })}
                      onShare={() => void share(video)}
                    />
                    <VideoInfo video={video} onProduct={(anchor) => openProduct(video, anchor)} />
                  </VideoSlide>
                )}
              </div>
            ) : null,
          )}
          {!feed.loaded && !needsLogin && (
            <div className="slide-frame feed-loading" data-testid="feed-loading">
              <div className="slide-poster slide-poster-blank" />
              <span className="spinner" aria-label={t('feed.loading')} />
            </div>
          )}
          {feed.loaded &&
            feed.items.length === 0 &&
            (feed.error != null ? (
              <div className="feed-error">
                <ErrorNote error={feed.error} onRetry={feed.retry} />
              </div>
            ) : (
              <FeedEmpty tab={tab} />
            ))}
          {needsLogin && <FeedEmpty tab={tab} needsLogin />}
          {feed.items.length > 1 && index === 0 && (
            <span className="swipe-hint" aria-hidden="true">
              {t('feed.swipeHint')}
            </span>
          )}
        </div>
        <BottomNav dark />
        {current && sheet?.kind === 'comments' && (
          <CommentSheet
            videoId={current.id}
            count={current.stats.comments}
            signedIn={userId !== null}
            onNeedLogin={() => void needLogin()}
            onPosted={() =>
              feed.update(
                (v) => v.id === current.id,
                (v) => ({ ...v, stats: { ...v.stats, comments: v.stats.comments + 1 } }),
              )
            }
            onClose={() => setSheet(null)}
            onToast={toast.show}
          />
        )}
        {current && sheet?.kind === 'product' && (
          <ProductSheet
            productId={sheet.productId}
            video={current}
            onClose={() => setSheet(null)}
            onToast={toast.show}
          />
        )}
        {current && sheet?.kind === 'why' && (
          <WhyThisSheet
            reason={current.reason}
            onNotInterested={() => notInterested(current)}
            onReport={() => (userId === null ? void needLogin() : setSheet({ kind: 'report' }))}
            onClose={() => setSheet(null)}
          />
        )}
        {current && sheet?.kind === 'report' && (
          <ReportSheet
            kind="video"
            subjectId={current.id}
            onClose={() => setSheet(null)}
            onDone={(message) => (setSheet(null), toast.show(message))}
          />
        )}
        {toast.node}
      </div>
    </div>
  );
}
