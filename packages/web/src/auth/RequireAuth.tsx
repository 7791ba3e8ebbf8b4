import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { User } from '../api/types';
import { loginUrl } from '../lib/next';
import { useAuth } from './AuthContext';

/** Renders children with the signed-in user; sends anonymous visitors to /login?next=… */
export function RequireAuth({ children, fallback }: { children: (user: User) => ReactNode; fallback: ReactNode }) {
  const { auth } = useAuth();
  const location = useLocation();
  if (auth.status === 'loading') return <>{fallback}</>;
  if (auth.status === 'anonymous') {
    return <Navigate to={loginUrl(location.pathname + location.search)} replace />;
  }
  return <>{children(auth.user)}</>;
}
