/** Favourites (收藏): my list and the toggle on a product. */
import { api } from './client';
import type { ProductCardData } from './shopper-types';

const enc = encodeURIComponent;

export interface FavouriteState {
  productId: string;
  favourited: boolean;
  favourites: number;
}

export interface FavouriteItem {
  product: ProductCardData;
  favouritedAt: number;
}

export const favouritesApi = {
  state: (productId: string) => api<FavouriteState>('GET', `/me/favourites/${enc(productId)}`),
  set: (productId: string, on: boolean) => api<FavouriteState>(on ? 'PUT' : 'DELETE', `/me/favourites/${enc(productId)}`),
  list: (cursor: string | null, limit = 20) => api<{ items: FavouriteItem[]; nextCursor: string | null }>('GET', '/me/favourites', { query: { cursor, limit } }),
};
