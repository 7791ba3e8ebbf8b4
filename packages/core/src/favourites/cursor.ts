/**
 * The favourites list's keyset cursor (pure): the time the last item was added and its product
 * id, newest first. A cursor that does not parse is a 400, never a silent first page.
 */
import { DomainError } from '../platform/index.js';

export interface FavouriteCursor {
  at: number;
  productId: string;
}

export function encodeFavouriteCursor(c: FavouriteCursor): string {
  return `${c.at}.${c.productId}`;
}

export function decodeFavouriteCursor(text: string): FavouriteCursor {
  const m = /^(\d{1,16})\.([a-z]{3}_[0-9a-z]{26})$/.exec(text);
  const at = m ? Number(m[1]) : NaN;
  if (!m || !Number.isSafeInteger(at))
    throw new DomainError('INVALID_CURSOR', 'this cursor is not one we issued', { field: 'cursor' });
  return { at, productId: m[2]! };
}
