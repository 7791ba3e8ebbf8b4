import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { refreshCartCount } from '../api/shopper';
import { useAuth } from '../auth/AuthContext';
import { badgeText, setCartCount, useCartCount } from '../lib/cart-count';
import { useUnread } from '../pages/service/useUnread';
import '../styles/wallet.css';

/** The shopper app's bottom tabs: 首页 (feed) · 商城 · 购物车 (with the number of lines in the cart) · 我. `dark` over the video feed. */
export function BottomNav({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const { auth } = useAuth();
  const userId = auth.user?.id ?? null;
  const count = useCartCount();
  useEffect(() => {
    if (!userId) {
      if (auth.status === 'anonymous') setCartCount(null);
      return;
    }
    refreshCartCount().catch(() => {}); // no badge is better than an error over the tabs
  }, [userId, auth.status]);
  const badge = userId ? badgeText(count) : null;
  const unread = useUnread().total;
  const meBadge = userId && unread > 0 ? badgeText(unread) : null;
  const tabs = [
    { to: '/app', label: t('nav.home'), end: true, badge: null },
    { to: '/app/mall', label: t('nav.mall'), end: false, badge: null },
    { to: '/app/cart', label: t('nav.cart'), end: false, badge },
    { to: '/app/me', label: t('nav.me'), end: false, badge: meBadge },
  ];
  return (
    <nav className={`tabbar${dark ? ' tabbar-dark' : ''}`} aria-label={t('nav.home')} data-testid="bottom-nav">
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.end} className="tab">
          <span className="tab-label">
            {tab.label}
            {tab.badge && (
              <span className="tab-badge" data-testid={tab.to === '/app/me' ? 'me-badge' : 'cart-badge'}>
                {tab.badge}
              </span>
            )}
          </span>
        </NavLink>
      ))}
    </nav>
  );
}
