/** Pure rules of the search page's address: which tab and sort it shows, and what tapping 价格 does. */
import { SEARCH_SORTS, SEARCH_TABS, type SearchSort, type SearchTab } from '../../api/search';

export function tabOf(value: string | null): SearchTab {
  return SEARCH_TABS.includes(value as SearchTab) ? (value as SearchTab) : 'products';
}

export function sortOf(value: string | null): SearchSort {
  return SEARCH_SORTS.includes(value as SearchSort) ? (value as SearchSort) : 'relevance';
}

/** 价格 sorts cheapest first; tapped again it flips (↑ ↔ ↓). */
export function nextPriceSort(current: SearchSort): SearchSort {
  return current === 'price_asc' ? 'price_desc' : 'price_asc';
}

/** The page's address: the tab and the sort only when they differ from the defaults. */
export function searchHref(q: string, tab: SearchTab, sort: SearchSort): string {
  const params = new URLSearchParams({ q });
  if (tab !== 'products') params.set('tab', tab);
  if (tab === 'products' && sort !== 'relevance') params.set('sort', sort);
  return `/app/search?${params.toString()}`;
}
