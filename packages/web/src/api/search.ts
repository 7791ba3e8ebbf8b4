/** The shopper app's search: products (sorted), videos, people and live rooms, each paged by an opaque cursor. */
import type { Answer } from './contract';

/** A person in the 用户 tab: creator or not, followers, published videos, whether I follow them. */
export type PersonCard = Answer<'/api/v1/search/users', 'get'>['items'][number];

import { api } from './client';

export const SEARCH_SORTS = ['relevance', 'sales', 'price_asc', 'price_desc'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SEARCH_TABS = ['products', 'videos', 'users', 'live'] as const;
export type SearchTab = (typeof SEARCH_TABS)[number];

const PAGE = 20;

export function searchProducts(
  q: string,
  sort: SearchSort,
  cursor: string | null,
  limit = PAGE,
): Promise<Answer<'/api/v1/search/products', 'get'>> {
  return api<Answer<'/api/v1/search/products', 'get'>>('GET', '/search/products', {
    query: { q, sort, cursor, limit },
  });
}
export function searchVideos(
  q: string,
  cursor: string | null,
  limit = PAGE,
): Promise<Answer<'/api/v1/search/videos', 'get'>> {
  return api<Answer<'/api/v1/search/videos', 'get'>>('GET', '/search/videos', { query: { q, cursor, limit } });
}
export function searchUsers(
  q: string,
  cursor: string | null,
  limit = PAGE,
): Promise<Answer<'/api/v1/search/users', 'get'>> {
  return api<Answer<'/api/v1/search/users', 'get'>>('GET', '/search/users', { query: { q, cursor, limit } });
}
export function searchLive(
  q: string,
  cursor: string | null,
  limit = PAGE,
): Promise<Answer<'/api/v1/search/live', 'get'>> {
  return api<Answer<'/api/v1/search/live', 'get'>>('GET', '/search/live', { query: { q, cursor, limit } });
}
