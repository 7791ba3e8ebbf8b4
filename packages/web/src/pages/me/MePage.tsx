import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { getProfile } from '../../api/shopper';
import type { Profile } from '../../api/shopper-types';
import type { User } from '../../api/types';
import { hasRole, useAuth } from '../../auth/AuthContext';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErrorNote } from '../../components/ErrorNote';
import { OrderStageIcon } from '../../components/Icons';
import { LangToggle } from '../../components/LangToggle';
import { RoleList } from '../../components/RoleList';
import { ShopperLayout } from '../../components/ShopperLayout';
import { Skeleton, SkeletonLines } from '../../components/Skeleton';
import { formatCount } from '../../lib/format';
import { PersonalizationSwitch } from './PersonalizationSwitch';
import { useUnread } from '../service/useUnread';
import '../service/service.css';
import '../../styles/shop.css';
import '../../styles/shopper.css';

/** 我 (/app/me): profile, orders by status, cart, addresses, followed creators, coupons, favourites, settings, language, log out. */
export function MePage() {
  const { t } = useTranslation();
  const skeleton = (
    <section className="section">
      <Skeleton width={64} height={64} radius={32} />
      <SkeletonLines lines={3} />
    </section>
  );
  return (
    <ShopperLayout title={t('me.title')}>
      <RequireAuth fallback={skeleton}>{(user) => <MeBody user={user} />}</RequireAuth>
    </ShopperLayout>
  );
}

function MeBody({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { signOut } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [profile, setProfile] = useState<Profile | null>(null);
  const unread = useUnread();

  useEffect(() => {
    let live = true;
    getProfile(user.id).then(
      (p) => live && setProfile(p),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [user.id]);

  async function logOut() {
    setBusy(true);
    setError(null);
    try {
      await signOut(() => navigate('/', { replace: true }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  const n = (v: number | undefined) => (v === undefined ? '–' : formatCount(v, i18n.language));
  const orderShortcuts = [
    { tab: 'unpaid', label: t('orders.unpaid') },
    { tab: 'paid', label: t('orders.paid') },
    { tab: 'shipped', label: t('orders.shipped') },
    { tab: 'completed', label: t('orders.completed') },
  ] as const;
  return (
    <>
      <section className="section me-card" data-testid="me">
        <span className="avatar" aria-hidden="true">
          {Array.from(user.displayName)[0] ?? '我'}
        </span>
        <div className="me-info">
          <h2 className="me-name" data-testid="display-name">
            {user.displayName}
          </h2>
          <p className="muted">{t('me.login', { login: user.login })}</p>
          <div className="me-stats">
            <Link to={`/app/u/${encodeURIComponent(user.id)}`}>
              <strong>{n(profile?.videos)}</strong> {t('meApp.videos')}
            </Link>
            <Link to="/app?tab=following">
              <strong>{n(profile?.following)}</strong> {t('meApp.following')}
            </Link>
            <span>
              <strong>{n(profile?.followers)}</strong> {t('meApp.followers')}
            </span>
          </div>
        </div>
      </section>

      <section className="section">
        <div className="kv">
          <h3>{t('meApp.orders')}</h3>
          <Link to="/app/orders" className="muted small">
            {t('meApp.allOrders')} ›
          </Link>
        </div>
        <div className="me-shortcuts">
          {orderShortcuts.map((s) => (
            <Link key={s.tab} to={`/app/orders?tab=${s.tab}`} className="me-shortcut">
              <span className="me-shortcut-dot" aria-hidden="true">
                <OrderStageIcon stage={s.tab} />
              </span>
              {s.label}
            </Link>
          ))}
        </div>
      </section>

      <section className="section menu">
        <Link to="/app/messages" className="menu-row" data-testid="me-messages">
          {t('service.messages')}
          <span className="muted">
            {unread.total > 0 && (
              <span className="msg-badge" data-testid="me-messages-badge">
                {unread.total}
              </span>
            )}{' '}
            <span className="chev">›</span>
          </span>
        </Link>
        <Link to="/app/aftersales" className="menu-row" data-testid="me-aftersales">
          {t('aftersales.mine')} <span className="chev">›</span>
        </Link>
        <Link to="/app/cart" className="menu-row">
          {t('meApp.cart')} <span className="chev">›</span>
        </Link>
        <Link to="/app/me/addresses" className="menu-row">
          {t('meApp.addresses')} <span className="chev">›</span>
        </Link>
        <Link to="/app?tab=following" className="menu-row">
          {t('meApp.followed')}
          <span className="muted">
            {n(profile?.following)} <span className="chev">›</span>
          </span>
        </Link>
        <Link to="/app/me/coupons" className="menu-row" data-testid="me-coupons">
          {t('meApp.coupons')} <span className="chev">›</span>
        </Link>
        <Link to="/app/me/favourites" className="menu-row" data-testid="me-favourites">
          {t('favourites.title')} <span className="chev">›</span>
        </Link>
        <Link to="/app/me/reviews" className="menu-row" data-testid="me-reviews">
          {t('reviews.mine')} <span className="chev">›</span>
        </Link>
        {hasRole(user, 'creator') && (
          <Link to="/creator" className="menu-row">
            {t('meApp.creatorCenter')} <span className="chev">›</span>
          </Link>
        )}
      </section>

      <section className="section">
        <h3>{t('meApp.settings')}</h3>
        <PersonalizationSwitch />
        <div className="menu-row">
          {t('meApp.language')}
          <LangToggle />
        </div>
      </section>

      <section className="section">
        <h3>{t('me.roles')}</h3>
        <RoleList roles={user.roles} />
        <p className="muted small">{t('me.id', { id: user.id })}</p>
      </section>
      {error != null && <ErrorNote error={error} />}
      <section className="section">
        <button type="button" className="btn btn-block" onClick={() => void logOut()} disabled={busy}>
          {t('common.logout')}
        </button>
      </section>
    </>
  );
}
