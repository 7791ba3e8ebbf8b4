import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
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
  /** Sign out; `then` runs (e.g. a navigate) in the same render as the signed-out state. */
  signOut(then?: () => void): Promise<void>;
  /** Re-read the session from GET /me (e.g. after a 401). */
  refresh(): Promise<User | null>;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [auth, setAuth] = useState<AuthState>({ status: 'loading', user: null });

  const current = useRef<User | null>(null);

  const apply = useCallback((session: Session | null) => {
    current.current = session?.user ?? null;
    setCsrfToken(session?.csrfToken ?? null);
    setAuth(session ? { status: 'authenticated', user: session.user } : { status: 'anonymous', user: null });
    return session?.user ?? null;
  }, []);

  // Bumped by every sign-in and sign-out, so that a GET /me that was already under way
  // (e.g. the one at page load) cannot overwrite the newer session with its older answer.
  const epoch = useRef(0);

  const refresh = useCallback(async () => {
    const started = epoch.current;
    let session: Session | null = null;
    try {
      session = await endpoints.getMe();
    } catch {
      session = null;
    }
    if (started !== epoch.current) return current.current; // a newer sign-in/out won
    return apply(session);
  }, [apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(
    async (loginName: string, password: string) => {
      const session = await endpoints.login(loginName, password);
      epoch.current += 1;
      apply(session);
      return session.user;
    },
    [apply],
  );

  const signOut = useCallback(
    async (then?: () => void) => {
      try {
        await endpoints.logout();
      } finally {
        epoch.current += 1;
        // Same tick as the state change, so React renders both together: pages behind
        // <RequireAuth> unmount instead of first redirecting to /login.
        then?.();
        apply(null);
      }
    },
    [apply],
  );

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
