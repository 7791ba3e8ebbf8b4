import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { ErrorNote } from '../../components/ErrorNote';
import { LangToggle } from '../../components/LangToggle';
import { safeNext } from '../../lib/next';
import '../../styles/login.css';
import '../../styles/shopper.css';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { signIn } = useAuth();
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = safeNext(params.get('next'));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!loginName.trim() || !password) {
      setError(new Error(t('login.missing')));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await signIn(loginName.trim(), password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  }

  return (
    <div className="login-page">
      <div className="login-top">
        <Link to="/" className="brand-link">
          {t('app.fullName')}
        </Link>
        <LangToggle />
      </div>
      <form className="login-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{t('login.title')}</h1>
        <label className="field">
          <span>{t('login.login')}</span>
          <input
            name="login"
            autoComplete="username"
            value={loginName}
            placeholder={t('login.loginPlaceholder')}
            onChange={(e) => setLoginName(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            placeholder={t('login.passwordPlaceholder')}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error != null && <ErrorNote error={error} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
        <Link to={`/register?next=${encodeURIComponent(next)}`} className="login-switch" data-testid="to-register">
          {t('register.noAccount')}
        </Link>
      </form>
    </div>
  );
}
