import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { register } from '../../api/shopper';
import { useAuth } from '../../auth/AuthContext';
import { ErrorNote } from '../../components/ErrorNote';
import { LangToggle } from '../../components/LangToggle';
import { safeNext } from '../../lib/next';
import '../../styles/login.css';
import '../../styles/shopper.css';

const LOGIN_RE = /^[a-z0-9_.-]{3,32}$/;

/** /register: a new shopper account (POST /auth/register), then signed in and on to `next`. */
export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { refresh } = useAuth();
  const [form, setForm] = useState({ login: '', displayName: '', password: '' });
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = safeNext(params.get('next'));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const login = form.login.trim().toLowerCase();
    if (!LOGIN_RE.test(login)) return setError(new Error(t('register.invalidLogin')));
    if (!form.displayName.trim()) return setError(new Error(t('register.missingName')));
    if (form.password.length < 8) return setError(new Error(t('register.shortPassword')));
    setSubmitting(true);
    setError(null);
    try {
      await register(login, form.password, form.displayName.trim()); // signs in with a session cookie
      await refresh(); // the session and its CSRF token, as after a login
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  }

  const field = (name: 'login' | 'displayName' | 'password', hint?: string) => (
    <label className="field">
      <span>{t(`register.${name}`)}</span>
      <input
        name={name}
        type={name === 'password' ? 'password' : 'text'}
        autoComplete={name === 'password' ? 'new-password' : name === 'login' ? 'username' : 'nickname'}
        value={form[name]}
        placeholder={hint}
        onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
      />
    </label>
  );

  return (
    <div className="login-page">
      <div className="login-top">
        <Link to="/" className="brand-link">
          {t('app.fullName')}
        </Link>
        <LangToggle />
      </div>
      <form className="login-card" onSubmit={(e) => void submit(e)} noValidate data-testid="register-form">
        <h1>{t('register.title')}</h1>
        {field('login', t('register.loginHint'))}
        {field('displayName')}
        {field('password', t('register.passwordHint'))}
        {error != null && <ErrorNote error={error} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
          {submitting ? t('register.submitting') : t('register.submit')}
        </button>
        <Link to={`/login?next=${encodeURIComponent(next)}`} className="login-switch">
          {t('register.haveAccount')}
        </Link>
      </form>
    </div>
  );
}
