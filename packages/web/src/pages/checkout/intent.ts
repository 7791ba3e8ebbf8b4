/** What the checkout page should buy: the lines of a 立即购买, or the cart. Kept in sessionStorage so a reload keeps it. */
import type { LineInput } from '../../api/types';

export interface IntentLine extends LineInput {
  productId: string;
  title: string;
  specValues: string[];
  priceFen: number;
  shopId: string;
  shopName: string;
  imageUrl: string | null;
}

const KEY = 'zhongcao.checkout';

export function saveBuyNow(lines: IntentLine[]): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(lines));
  } catch {
    // storage unavailable: the page falls back to the cart
  }
}

export function loadBuyNow(): IntentLine[] | null {
  try {
    const text = window.sessionStorage.getItem(KEY);
    const value: unknown = text ? JSON.parse(text) : null;
    return Array.isArray(value) && value.length > 0 ? (value as IntentLine[]) : null;
  } catch {
    return null;
  }
}

export function clearBuyNow(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // ignore
  }
}
