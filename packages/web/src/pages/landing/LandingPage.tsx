import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { getDemoLogins } from '../../api/endpoints';
import type { DemoLogin } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorNote, useErrorText } from '../../components/ErrorNote';
import { LangToggle } from '../../components/LangToggle';
import { loginUrl } from '../../lib/next';
import { DoorCard, type DemoState } from './DoorCard';
import { DOORS, type Door } from './doors';
import '../../styles/landing.css';

export function LandingPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { signIn } = useAuth();
  const [demo, setDemo] = useState<DemoState>({ kind: 'loading' });
  const [busyRole, setBusyRole] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const demoRequest = useRef<Promise<DemoLogin[] | null> | null>(null);

  // One request, started on first use: by the effect, or by a click that comes before it.
  const demoLogins = () => (demoRequest.current ??= getDemoLogins());

  useEffect(() => {
    demoLogins().then(
      (logins) => setDemo(logins ? { kind: 'ready', logins } : { kind: 'none' }),
      (e: unknown) => setDemo({ kind: 'error', message: errorText(e) }),
    );
    // (demoLogins only reads a ref: no dependencies)
  }, []);

  async function enter(door: Door) {
    setError(null);
    let logins: DemoLogin[] | null = null;
    try {
      logins = await demoLogins();
    } catch {
      logins = null;
    }
    const demoLogin = logins?.find((l) => l.role === door.role);
    if (!demoLogin) {
      navigate(loginUrl(door.path));
      return;
    }
    setBusyRole(door.role);
    try {
      await signIn(demoLogin.login, demoLogin.password);
      navigate(door.path);
    } catch (e) {
      setError(e);
      setBusyRole(null);
    }
  }

  return (
    <div className="landing">
      <header className="landing-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            种
          </span>
          {t('app.fullName')}
        </span>
        <LangToggle />
      </header>
      <main className="landing-main">
        <h1 className="landing-title">{t('app.name')}</h1>
        <p className="landing-tagline" data-testid="tagline">
          {t('landing.tagline')}
        </p>
        {error != null && <ErrorNote error={error} />}
        {demo.kind === 'error' && <p className="muted">{t('landing.demoError', { message: demo.message })}</p>}
        <ul className="doors">
          {DOORS.map((door) => (
            <DoorCard
              key={door.role}
              door={door}
              demo={demo}
              busy={busyRole === door.role}
              onEnter={() => void enter(door)}
            />
          ))}
        </ul>
      </main>
    </div>
  );
}
