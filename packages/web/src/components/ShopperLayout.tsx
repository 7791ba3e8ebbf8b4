import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { LangToggle } from './LangToggle';

/** The shopper app frame: a phone-width column centred on desktop, top bar and bottom tabs. */
export function ShopperLayout({ title, back = false, children, bottomBar }: { title: string; back?: boolean; children: ReactNode; bottomBar?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="phone-stage">
      <div className="phone">
        <header className="topbar">
          {back ? (
            <button type="button" className="icon-btn" aria-label={t('common.back')} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/app'))}>
              ‹
            </button>
          ) : (
            <span className="topbar-spacer" />
          )}
          <h1 className="topbar-title">{title}</h1>
          <LangToggle />
        </header>
        <main className="phone-main">{children}</main>
        {bottomBar ?? (
          <nav className="tabbar">
            <NavLink to="/app" end className="tab">
              {t('common.home')}
            </NavLink>
            <NavLink to="/me" className="tab">
              {t('common.me')}
            </NavLink>
          </nav>
        )}
      </div>
    </div>
  );
}
