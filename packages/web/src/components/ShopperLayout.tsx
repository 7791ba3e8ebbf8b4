import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { BottomNav } from './BottomNav';
import { LangToggle } from './LangToggle';

/** The shopper app frame: a phone-width column centred on desktop, top bar and bottom tabs. */
export function ShopperLayout({
  title,
  back = false,
  children,
  bottomBar,
  right,
}: {
  title: string;
  back?: boolean;
  children: ReactNode;
  bottomBar?: ReactNode;
  right?: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="phone-stage">
      <div className="phone">
        <header className="topbar">
          {back ? (
            <button
              type="button"
              className="icon-btn"
              aria-label={t('common.back')}
              onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/app'))}
            >
              ‹
            </button>
          ) : (
            <span className="topbar-spacer" />
          )}
          <h1 className="topbar-title">{title}</h1>
          {right ?? <LangToggle />}
        </header>
        <main className="phone-main">{children}</main>
        {bottomBar ?? <BottomNav />}
      </div>
    </div>
  );
}
