import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { User } from '../../api/types';
import { hasRole } from '../../auth/AuthContext';
import { RequireAuth } from '../../auth/RequireAuth';
import { ConsoleLayout } from '../../components/ConsoleLayout';
import { RoleList } from '../../components/RoleList';
import { SkeletonLines } from '../../components/Skeleton';

type ConsoleRole = 'merchant' | 'creator' | 'admin';

/** Who is signed in and with which roles; the console's own content below. */
export function ConsolePage({ role, children }: { role: ConsoleRole; children?: (user: User) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <ConsoleLayout title={t(`console.${role}`)}>
      <RequireAuth fallback={<div className="panel"><SkeletonLines lines={4} /></div>}>
        {(user) => (
          <>
            <section className="panel" data-testid="console-user">
              <h1>{t(`console.${role}`)}</h1>
              <p data-testid="display-name">{t('console.signedInAs', { name: user.displayName, login: user.login })}</p>
              <RoleList roles={user.roles} />
              {!hasRole(user, role) && (
                <p className="warning">
                  {t('console.noRole', { role: t(`roles.${role}`) })}{' '}
                  <Link to={`/login?next=/${role}`}>{t('console.switchAccount')}</Link>
                </p>
              )}
            </section>
            {hasRole(user, role) && children ? children(user) : <p className="muted">{t('console.comingSoon')}</p>}
          </>
        )}
      </RequireAuth>
    </ConsoleLayout>
  );
}
