import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Answer } from '../../api/contract';
import type { LiveHost } from '../../api/live';
import { followUser, getProfile, getShopSummary, listUserVideos } from '../../api/shopper';
import type { Profile, VideoCard } from '../../api/shopper-types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorNote } from '../../components/ErrorNote';
import { HeartIcon } from '../../components/Icons';
import { Sheet } from '../../components/Sheet';
import { SkeletonLines } from '../../components/Skeleton';
import { formatCount } from '../../lib/format';
import { loginUrl } from '../../lib/next';
import { ContactButton } from '../service/ContactButton';
import './host-sheet.css';

const RECENT = 3;

/** A creator host: name, followers, 关注 / 已关注 (the feed's follow API), a few videos, the way to their page. */
function CreatorHost({ host }: { host: LiveHost }) {
  const { t, i18n } = useTranslation();
  const { auth } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [videos, setVideos] = useState<VideoCard[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const self = auth.status === 'authenticated' && auth.user.id === host.id;

  useEffect(() => {
    let live = true;
    getProfile(host.id).then(
      (p) => live && setProfile(p),
      (e: unknown) => live && setError(e),
    );
    listUserVideos(host.id, null).then(
      (page) => live && setVideos(page.items.slice(0, RECENT)),
      () => live && setVideos([]),
    );
    return () => {
      live = false;
    };
  }, [host.id, auth.status]);

  async function toggleFollow() {
    if (!profile) return;
    if (auth.status !== 'authenticated') return navigate(loginUrl(location.pathname));
    setBusy(true);
    setError(null);
    try {
      const res = await followUser(profile.id, !profile.followed);
      setProfile({ ...profile, followed: res.followed, followers: res.followers });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const n = (v: number) => formatCount(v, i18n.language);
  return (
    <div className="host-sheet" data-testid="host-sheet-creator" data-followed={profile?.followed ?? undefined}>
      <div className="host-sheet-head">
        <span className="avatar host-sheet-avatar" aria-hidden="true">
          {Array.from(profile?.displayName ?? host.name)[0] ?? '播'}
        </span>
        <div className="host-sheet-name">
          <strong>{profile?.displayName ?? host.name}</strong>
          {profile?.isCreator && <span className="tag">{t('liveHost.creator')}</span>}
        </div>
        {!self && (
          <button
            type="button"
            className={`btn ${profile?.followed ? '' : 'btn-primary'}`}
            disabled={busy || !profile}
            onClick={() => void toggleFollow()}
            data-testid="host-follow"
          >
            {profile?.followed ? t('liveHost.followed') : t('liveHost.follow')}
          </button>
        )}
      </div>
      {profile ? (
        <div className="profile-stats" data-testid="host-stats">
          <span>
            <strong data-testid="host-followers">{n(profile.followers)}</strong>
            {t('liveHost.followers')}
          </span>
          <span>
            <strong>{n(profile.following)}</strong>
            {t('liveHost.following')}
          </span>
          <span>
            <strong>{n(profile.videos)}</strong>
            {t('liveHost.videos')}
          </span>
        </div>
      ) : error == null ? (
        <SkeletonLines lines={1} />
      ) : null}
      {error != null && <ErrorNote error={error} />}
      <h4 className="host-sheet-sub">{t('liveHost.recent')}</h4>
      {videos && videos.length === 0 && <p className="muted">{t('liveHost.noVideos')}</p>}
      <ul className="video-grid host-sheet-videos" data-testid="host-videos">
        {videos?.map((v) => (
          <li key={v.id}>
            <Link to={`/v/${encodeURIComponent(v.id)}`} className="video-tile">
              {v.posterUrl ? (
                <img src={v.posterUrl} alt={v.title} loading="lazy" />
              ) : (
                <span className="video-tile-blank">{v.title}</span>
              )}
              <span className="video-tile-likes">
                <HeartIcon size={12} /> {n(v.stats.likes)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Link to={`/app/u/${encodeURIComponent(host.id)}`} className="btn btn-block" data-testid="host-profile-link">
        {t('liveHost.profile')}
      </Link>
    </div>
  );
}

/** A shop broadcast (店播): the shop, what it sells, the way into the shop. */
function ShopHost({ host }: { host: LiveHost }) {
  const { t, i18n } = useTranslation();
  const [summary, setSummary] = useState<Answer<'/api/v1/shops/{shopId}/summary', 'get'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    getShopSummary(host.id).then(
      (s) => live && setSummary(s),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [host.id]);
  const n = (v: number) => formatCount(v, i18n.language);
  return (
    <div className="host-sheet" data-testid="host-sheet-shop">
      <div className="host-sheet-head">
        <span className="shop-avatar host-sheet-avatar" aria-hidden="true">
          {Array.from(summary?.shop.name ?? host.name)[0] ?? '店'}
        </span>
        <div className="host-sheet-name">
          <strong>{summary?.shop.name ?? host.name}</strong>
          <span className="tag">{t('liveHost.shopTag')}</span>
        </div>
      </div>
      {summary ? (
        <>
          {summary.shop.origin && (
            <p className="host-sheet-desc muted">{t('liveHost.origin', { origin: summary.shop.origin })}</p>
          )}
          {summary.shop.description && <p className="host-sheet-desc">{summary.shop.description}</p>}
          <div className="profile-stats">
            <span>
              <strong>{n(summary.products)}</strong>
              {t('liveHost.products')}
            </span>
            <span>
              <strong>{n(summary.totalSales)}</strong>
              {t('liveHost.sold')}
            </span>
          </div>
        </>
      ) : error != null ? (
        <ErrorNote error={error} />
      ) : (
        <SkeletonLines lines={2} />
      )}
      <Link
        to={`/app/shop/${encodeURIComponent(host.id)}`}
        className="btn btn-primary btn-block"
        data-testid="host-shop-link"
      >
        {t('liveHost.shopLink')}
      </Link>
    </div>
  );
}

/** Tapping the host (top left of the live room): who is broadcasting, over the room. */
export function HostSheet({
  host,
  roomId,
  onReport,
  onClose,
}: {
  host: LiveHost;
  roomId?: string;
  onReport?(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Sheet title={host.name} onClose={onClose} testId="host-sheet">
      {host.kind === 'shop' ? <ShopHost host={host} /> : <CreatorHost host={host} />}
      {host.kind === 'shop' && roomId && <ContactButton source="live" sourceId={roomId} variant="link" />}
      {onReport && (
        <button type="button" className="link-btn host-report" data-testid="live-report" onClick={onReport}>
          {t('moderation.report')}
        </button>
      )}
    </Sheet>
  );
}
