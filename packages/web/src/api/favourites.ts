/** Favourites (收藏): my list and the toggle on a product. */
import type { Answer } from './contract';

export type FavouriteState = Answer<'/api/v1/me/favourites/{productId}', 'get'>;
export type FavouriteItem = Answer<'/api/v1/me/favourites', 'get'>['items'][number];

import { api } from './client';

const enc = encodeURIComponent;

export const favouritesApi = {
  state: (productId: string) => api<FavouriteState>('GET', `/me/favourites/${enc(productId)}`),
  set: (productId: string, on: boolean) =>
    api<FavouriteState>(on ? 'PUT' : 'DELETE', `/me/favourites/${enc(productId)}`),
  list: (cursor: string | null, limit = 20) =>
    api<Answer<'/api/v1/me/favourites', 'get'>>('GET', '/me/favourites', { query: { cursor, limit } }),
};
