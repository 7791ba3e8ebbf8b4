import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { followUser, getProfile, listUserVideos } from '../../api/shopper';
import type { Profile, VideoCard } from '../../api/shopper-types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorNote } from '../../components/ErrorNote';
import { HeartIcon } from '../../components/Icons';
import { ShopperLayout } from '../../components/ShopperLayout';
import { Skeleton, SkeletonLines } from '../../components/Skeleton';
import { formatCount } from '../../lib/format';
import { loginUrl } from '../../lib/next';
import '../../styles/shop.css';
import '../../styles/shopper.css';

/** /app/u/:userId: a creator's profile (followers, following, videos, follow button) and video grid. */
export function CreatorProfilePage() {
  const { t, i18n } = useTranslation();
  const { userId = '' } = useParams();
  const { auth } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [videos, setVideos] = useState<{ items: VideoCard[]; cursor: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const self = auth.status === 'authenticated' && auth.user.id === userId;

  useEffect(() => {
    let live = true;
    setProfile(null);
    setVideos(null);
    setError(null);
    getProfile(userId).then(
      (p) => live && setProfile(p),
      (e: unknown) => live && setError(e),
    );
    listUserVideos(userId, null).then(
      (page) => live && setVideos({ items: page.items, cursor: page.nextCursor }),
      () => live && setVideos({ items: [], cursor: null }),
    );
    return () => {
      live = false;
    };
  }, [userId, auth.status]);

  async function toggleFollow() {
    if (!profile) return;
    if (auth.status !== 'authenticated') return navigate(loginUrl(location.pathname));
    setBusy(true);
    try {
      const res = await followUser(profile.id, !profile.followed);
      setProfile({ ...profile, followed: res.followed, followers: res.followers });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function more() {
    if (!videos?.cursor) return;
    const page = await listUserVideos(userId, videos.cursor);
    setVideos({ items: [...videos.items, ...page.items], cursor: page.nextCursor });
  }

  const n = (v: number) => formatCount(v, i18n.language);
  if (!profile && error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <ShopperLayout title="" back>
        <div className="empty">
          <p className="empty-title">{t('profile.notFound')}</p>
          <Link to="/app" className="btn">
            {t('common.home')}
          </Link>
        </div>
      </ShopperLayout>
    );
  }
  return (
    <ShopperLayout title={profile?.displayName ?? ''} back>
      <section className="section profile-head" data-testid="profile">
        {profile ? (
          <>
            <div className="me-card">
              <span className="avatar" aria-hidden="true">
                {Array.from(profile.displayName)[0]}
              </span>
              <div className="me-info">
                <h2 className="me-name">{profile.displayName}</h2>
                {profile.isCreator && <span className="tag">{t('profile.creator')}</span>}
              </div>
            </div>
            <div className="profile-stats">
              <span>
                <strong>{n(profile.followers)}</strong>
                {t('profile.followers')}
              </span>
              <span>
                <strong>{n(profile.following)}</strong>
                {t('profile.following')}
              </span>
              <span>
                <strong>{n(profile.videos)}</strong>
                {t('profile.videos')}
              </span>
            </div>
            {!self && (
              <button
                type="button"
                className={`btn btn-block ${profile.followed ? '' : 'btn-primary'}`}
                disabled={busy}
                onClick={() => void toggleFollow()}
                data-testid="profile-follow"
              >
                {profile.followed ? t('profile.unfollow') : t('profile.follow')}
              </button>
            )}
          </>
        ) : (
          <>
            <Skeleton width={64} height={64} radius={32} />
            <SkeletonLines lines={2} />
          </>
        )}
        {error != null && profile != null && <ErrorNote error={error} />}
      </section>
      {videos && videos.items.length === 0 && <p className="empty muted">{t('profile.empty')}</p>}
      <ul className="video-grid" data-testid="profile-videos">
        {videos?.items.map((v) => (
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
        {videos === null &&
          Array.from({ length: 6 }, (_, i) => (
            <li key={i}>
              <Skeleton height="auto" radius={0} style={{ aspectRatio: '3 / 4', width: '100%', display: 'block' }} />
            </li>
          ))}
      </ul>
      {videos?.cursor && (
        <div className="list-end">
          <button type="button" className="btn" onClick={() => void more()}>
            {t('shelf.loadMore')}
          </button>
        </div>
      )}
    </ShopperLayout>
  );
}
