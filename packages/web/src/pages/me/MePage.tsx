import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErrorNote } from '../../components/ErrorNote';
import { RoleList } from '../../components/RoleList';
import { ShopperLayout } from '../../components/ShopperLayout';
import { Skeleton, SkeletonLines } from '../../components/Skeleton';
import '../../styles/shop.css';

export function MePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { signOut } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

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

  const skeleton = (
    <section className="section">
      <Skeleton width={64} height={64} radius={32} />
      <SkeletonLines lines={3} />
    </section>
  );

  return (
    <ShopperLayout title={t('me.title')}>
      <RequireAuth fallback={skeleton}>
        {(user) => (
          <>
            <section className="section me-card" data-testid="me">
              <span className="avatar" aria-hidden="true">{Array.from(user.displayName)[0] ?? '我'}</span>
              <div>
                <h2 className="me-name" data-testid="display-name">{user.displayName}</h2>
                <p className="muted">{t('me.login', { login: user.login })}</p>
                <p className="muted small">{t('me.id', { id: user.id })}</p>
              </div>
            </section>
            <section className="section">
              <h3>{t('me.roles')}</h3>
              <RoleList roles={user.roles} />
            </section>
            {error != null && <ErrorNote error={error} />}
            <section className="section">
              <button type="button" className="btn btn-block" onClick={() => void logOut()} disabled={busy}>
                {t('common.logout')}
              </button>
            </section>
          </>
        )}
      </RequireAuth>
    </ShopperLayout>
  );
}
