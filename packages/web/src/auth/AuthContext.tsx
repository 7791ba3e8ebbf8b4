import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setCsrfToken } from '../api/client';
import * as endpoints from '../api/endpoints';
import type { Session, User } from '../api/types';

export type AuthState =
  | { status: 'loading'; user: null }
  | { status: 'anonymous'; user: null }
  | { status: 'authenticated'; user: User };

interface AuthApi {
  auth: AuthState;
  /** Sign in; throws ApiError (e.g. INVALID_CREDENTIALS). */
  signIn(login: string, password: string): Promise<User>;
  signOut(): Promise<void>;
  /** Re-read the session from GET /me (e.g. after a 401). */
  refresh(): Promise<User | null>;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [auth, setAuth] = useState<AuthState>({ status: 'loading', user: null });

  const apply = useCallback((session: Session | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    setAuth(session ? { status: 'authenticated', user: session.user } : { status: 'anonymous', user: null });
    return session?.user ?? null;
  }, []);

  const refresh = useCallback(async () => {
    try {
      return apply(await endpoints.getMe());
    } catch {
      return apply(null);
    }
  }, [apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(
    async (loginName: string, password: string) => {
      const session = await endpoints.login(loginName, password);
      apply(session);
      return session.user;
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    try {
      await endpoints.logout();
    } finally {
      apply(null);
    }
  }, [apply]);

  const value = useMemo(() => ({ auth, signIn, signOut, refresh }), [auth, signIn, signOut, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export function hasRole(user: User, role: string): boolean {
  return user.roles.some((r) => r.role === role);
}
