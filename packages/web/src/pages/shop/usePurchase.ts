import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { putCartItem } from '../../api/endpoints';
import type { LineInput, ProductDetail, Sku } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { loginUrl } from '../../lib/next';
import { saveBuyNow, type IntentLine } from '../checkout/intent';

type Busy = null | 'cart' | 'buy';

/** 加入购物车 and 立即购买: both send anonymous shoppers to /login?next=<this page>. */
export function usePurchase() {
  const { auth, refresh } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<unknown>(null);

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

  /** 立即购买: to the checkout page (address, shipping, 提交订单) with just this line. */
  async function buyNow(line: IntentLine): Promise<void> {
    setError(null);
    if (!(await ensureSignedIn())) return;
    saveBuyNow([line]);
    navigate('/app/checkout?from=buy');
  }

  return { busy, error, ensureSignedIn, addToCart, buyNow, clearError: () => setError(null) };
}

/** The checkout line for a chosen SKU, with what the checkout page shows about it. */
export function intentLine(product: ProductDetail, sku: Sku, line: LineInput): IntentLine {
  return {
    ...line,
    productId: product.id,
    title: product.title,
    specValues: sku.specValues,
    priceFen: sku.priceFen,
    shopId: product.shop.id,
    shopName: product.shop.name,
    imageUrl: product.images[0] ?? null,
  };
}
