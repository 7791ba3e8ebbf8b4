import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import {
  searchLive,
  searchProducts,
  searchUsers,
  searchVideos,
  type PersonCard,
  type SearchSort,
  type SearchTab,
} from '../../api/search';
import type { RoomCard } from '../../api/live';
import { followUser } from '../../api/shopper';
import { useAuth } from '../../auth/AuthContext';
import { ErrorNote } from '../../components/ErrorNote';
import { HeartIcon } from '../../components/Icons';
import { formatCount } from '../../lib/format';
import { loginUrl } from '../../lib/next';
import { ProductCard, ProductCardSkeleton } from '../shop/ProductCard';
import { useSearchPages } from './useSearchPages';

type Pages = ReturnType<typeof useSearchPages<{ id: string }>>;

/** The end of a result list: loads the next page when it comes into view (infinite scroll), or by its button. */
function ListEnd({ pages }: { pages: Pages }) {
  const { t } = useTranslation();
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasMore, loading, error, loadMore, loaded, items } = pages;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || loading || error || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) loadMore();
      },
      { rootMargin: '400px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading, error, loadMore]);
  return (
    <>
      {error != null && <ErrorNote error={error} onRetry={pages.retry} />}
      <div ref={sentinel} className="list-end" data-testid="search-end" data-has-more={hasMore}>
        {loaded && hasMore && !error && (
          <button type="button" className="btn" onClick={loadMore} disabled={loading}>
            {loading ? t('searchTabs.loadingMore') : t('searchTabs.loadMore')}
          </button>
        )}
        {loaded && !hasMore && items.length > 0 && <span className="muted">{t('searchTabs.end')}</span>}
      </div>
    </>
  );
}

function Empty({ tab, q, pages }: { tab: SearchTab; q: string; pages: Pages }) {
  const { t } = useTranslation();
  if (!pages.loaded || pages.loading || pages.items.length > 0 || pages.error != null) return null;
  return (
    <div className="empty" data-testid="empty">
      <p className="empty-title">{t(`searchTabs.empty.${tab}`, { q })}</p>
      <p className="muted">{t('searchTabs.emptyHint')}</p>
    </div>
  );
}

function Results({ tab, q, pages, children }: { tab: SearchTab; q: string; pages: Pages; children: ReactNode }) {
  return (
    <div data-testid={`results-${tab}`} data-loaded={pages.loaded && !pages.loading} data-count={pages.items.length}>
      {children}
      <Empty tab={tab} q={q} pages={pages} />
      <ListEnd pages={pages} />
    </div>
  );
}

export function ProductResults({ q, sort }: { q: string; sort: SearchSort }) {
  const pages = useSearchPages(`${q}\n${sort}`, (cursor) => searchProducts(q, sort, cursor));
  const first = !pages.loaded && pages.loading;
  return (
    <Results tab="products" q={q} pages={pages}>
      <ul className="grid" data-testid="search-results" aria-busy={pages.loading}>
        {pages.items.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
        {pages.loading && Array.from({ length: first ? 6 : 2 }, (_, i) => <ProductCardSkeleton key={`s${i}`} />)}
      </ul>
    </Results>
  );
}

export function VideoResults({ q }: { q: string }) {
  const { i18n } = useTranslation();
  const pages = useSearchPages(q, (cursor) => searchVideos(q, cursor));
  return (
    <Results tab="videos" q={q} pages={pages}>
      <ul className="search-videos" data-testid="search-videos">
        {pages.items.map((v) => (
          <li key={v.id}>
            <Link to={`/v/${encodeURIComponent(v.id)}`} className="search-video" data-testid="search-video">
              <span className="video-tile">
                {v.posterUrl ? (
                  <img src={v.posterUrl} alt="" loading="lazy" />
                ) : (
                  <span className="video-tile-blank">{v.title}</span>
                )}
                <span className="video-tile-likes">
                  <HeartIcon size={12} /> {formatCount(v.stats.likes, i18n.language)}
                </span>
              </span>
              <span className="search-video-title">{v.title}</span>
              <span className="search-video-by muted">
                @{v.hostKind === 'shop' && v.shop ? v.shop.name : v.creator.displayName}
              </span>
            </Link>
          </li>
        ))}
        {pages.loading &&
          !pages.loaded &&
          Array.from({ length: 4 }, (_, i) => (
            <li key={`s${i}`} className="search-video-skeleton" aria-hidden="true" />
          ))}
      </ul>
    </Results>
  );
}

function PersonRow({ person, onChange }: { person: PersonCard; onChange(change: Partial<PersonCard>): void }) {
  const { t, i18n } = useTranslation();
  const { auth } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const self = auth.status === 'authenticated' && auth.user.id === person.id;
  async function toggle() {
    if (auth.status !== 'authenticated') return navigate(loginUrl(`${location.pathname}${location.search}`));
    setBusy(true);
    setError(null);
    try {
      const res = await followUser(person.id, !person.followed);
      onChange({ followed: res.followed, followers: res.followers });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const n = (v: number) => formatCount(v, i18n.language);
  return (
    <li className="search-person" data-testid="search-person" data-user-id={person.id}>
      <Link to={`/app/u/${encodeURIComponent(person.id)}`} className="search-person-link">
        <span className="avatar search-person-avatar" aria-hidden="true">
          {Array.from(person.displayName)[0]}
        </span>
        <span className="search-person-text">
          <strong>
            {person.displayName}
            {person.isCreator && <span className="tag">{t('searchTabs.creator')}</span>}
          </strong>
          <small className="muted">
            {t('searchTabs.followers', { n: n(person.followers) })} · {t('searchTabs.videos', { n: n(person.videos) })}
          </small>
        </span>
      </Link>
      {!self && (
        <button
          type="button"
          className={`btn btn-small ${person.followed ? '' : 'btn-primary'}`}
          disabled={busy}
          onClick={() => void toggle()}
          data-testid="search-person-follow"
        >
          {person.followed ? t('searchTabs.followed') : t('searchTabs.follow')}
        </button>
      )}
      {error != null && <ErrorNote error={error} />}
    </li>
  );
}

export function UserResults({ q }: { q: string }) {
  const { auth } = useAuth();
  const pages = useSearchPages(`${q}\n${auth.status}`, (cursor) => searchUsers(q, cursor));
  return (
    <Results tab="users" q={q} pages={pages}>
      <ul className="search-rows" data-testid="search-people">
        {pages.items.map((p) => (
          <PersonRow key={p.id} person={p} onChange={(change) => pages.patch(p.id, change)} />
        ))}
      </ul>
    </Results>
  );
}

function RoomRow({ room }: { room: RoomCard }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      <Link
        to={`/app/live/${encodeURIComponent(room.id)}`}
        className="search-room"
        data-testid="search-room"
        data-room-id={room.id}
        data-status={room.status}
      >
        <span className="search-room-cover">
          {room.coverUrl ? (
            <img src={room.coverUrl} alt="" loading="lazy" />
          ) : (
            <span aria-hidden="true">{Array.from(room.host.name)[0] ?? '播'}</span>
          )}
          <span className={`search-room-badge${room.status === 'live' ? ' search-room-badge-live' : ''}`}>
            {room.status === 'live' ? t('searchTabs.onAir') : t('searchTabs.scheduled')}
          </span>
        </span>
        <span className="search-room-text">
          <strong>{room.title}</strong>
          <small className="muted">
            {room.host.kind === 'shop' && <span className="tag">{t('searchTabs.shopHost')}</span>} {room.host.name}
          </small>
          {room.status === 'live' && (
            <small className="muted">{t('searchTabs.watching', { n: formatCount(room.online, i18n.language) })}</small>
          )}
        </span>
      </Link>
    </li>
  );
}

export function LiveResults({ q }: { q: string }) {
  const pages = useSearchPages(q, (cursor) => searchLive(q, cursor));
  return (
    <Results tab="live" q={q} pages={pages}>
      <ul className="search-rows" data-testid="search-rooms">
        {pages.items.map((r) => (
          <RoomRow key={r.id} room={r} />
        ))}
      </ul>
    </Results>
  );
}
