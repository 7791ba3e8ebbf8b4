import { useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { checkout, putCartItem } from '../../api/endpoints';
import type { LineInput } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { newUuid } from '../../lib/ids';
import { loginUrl } from '../../lib/next';

type Busy = null | 'cart' | 'buy';

/** 加入购物车 and 立即购买: both send anonymous shoppers to /login?next=<this page>. */
export function usePurchase() {
  const { auth, refresh } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<unknown>(null);
  // One Idempotency-Key per intended order, reused if the same order is retried.
  const idempotency = useRef<{ line: string; key: string } | null>(null);

  const here = location.pathname + location.search;

  /** True when signed in; otherwise goes to /login?next=<this page> and returns false. */
  async function ensureSignedIn(): Promise<boolean> {
    const signedIn = auth.status === 'authenticated' || (auth.status === 'loading' && (await refresh()) !== null);
    if (!signedIn) navigate(loginUrl(here));
    return signedIn;
  }

  async function handle(e: unknown): Promise<void> {
    if (e instanceof ApiError && e.status === 401) {
      await refresh();
      navigate(loginUrl(here));
      return;
    }
    setError(e);
  }

  async function addToCart(line: LineInput): Promise<boolean> {
    setError(null);
    if (!(await ensureSignedIn())) return false;
    setBusy('cart');
    try {
      await putCartItem(line);
      return true;
    } catch (e) {
      await handle(e);
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function buyNow(line: LineInput): Promise<void> {
    setError(null);
    if (!(await ensureSignedIn())) return;
    const lineKey = `${line.skuId}×${line.quantity}`;
    if (idempotency.current?.line !== lineKey) idempotency.current = { line: lineKey, key: newUuid() };
    setBusy('buy');
    try {
      const result = await checkout([line], idempotency.current.key);
      idempotency.current = null;
      window.location.assign(result.payment.cashierUrl); // the server's cashier page
    } catch (e) {
      if (e instanceof ApiError && e.status > 0 && e.status < 500) idempotency.current = null; // rejected: a new attempt is a new order
      setBusy(null);
      await handle(e);
    }
  }

  return { busy, error, ensureSignedIn, addToCart, buyNow, clearError: () => setError(null) };
}
