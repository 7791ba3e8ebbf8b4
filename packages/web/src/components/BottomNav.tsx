import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The shopper app's bottom tabs: 首页 (feed) · 商城 · 购物车 · 我. `dark` over the video feed. */
export function BottomNav({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const tabs = [
    { to: '/app', label: t('nav.home'), end: true },
    { to: '/app/mall', label: t('nav.mall'), end: false },
    { to: '/app/cart', label: t('nav.cart'), end: false },
    { to: '/app/me', label: t('nav.me'), end: false },
  ];
  return (
    <nav className={`tabbar${dark ? ' tabbar-dark' : ''}`} aria-label={t('nav.home')} data-testid="bottom-nav">
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.end} className="tab">
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
