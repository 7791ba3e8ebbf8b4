// The search module's public surface.
export { searchProducts, suggest, checkQuery, encodeSearchCursor, decodeSearchCursor, QUERY_MAX_CHARS, SEARCH_MAX_LIMIT, SUGGEST_MAX, type SearchQuery } from './search-products.js';
export { indexProduct, reindexShop, reindexCategory, backfillSearchIndex } from './search-index.js';
export { indexTerms, queryGroups, normaliseText, type TermGroup } from './terms.js';
export { shopSummary, type ShopSummary } from './shop-summary.js';
export { shelfProducts, SHELF_SORTS, type ShelfSort, type ShelfQuery } from './shelf.js';
