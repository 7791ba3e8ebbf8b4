import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { LangToggle } from './LangToggle';
import '../styles/console.css';

/** Plain console frame (Semi Design arrives in the next release): top bar, content. */
export function ConsoleLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { auth, signOut } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  return (
    <div className="console">
      <header className="console-top">
        <Link to="/" className="brand-link">
          {t('app.fullName')}
        </Link>
        <span className="console-title">{title}</span>
        <span className="console-actions">
          <LangToggle />
          {auth.status === 'authenticated' && (
            <button
              type="button"
              className="btn btn-small"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                await signOut(() => navigate('/', { replace: true })).catch(() => setBusy(false));
              }}
            >
              {t('common.logout')}
            </button>
          )}
        </span>
      </header>
      <main className="console-main">{children}</main>
    </div>
  );
}
