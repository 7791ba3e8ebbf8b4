// The search module's public surface.
export { indexProduct, reindexShop, reindexCategory, backfillSearchIndex, reindexAllProducts } from './search-index.js';
export {
  indexVideos,
  indexPeople,
  indexLiveRooms,
  reindexAllSubjects,
  SUBJECT_KINDS,
  type SubjectKind,
} from './subject-index.js';
export { pinyinTerms, withPinyin } from './pinyin.js';
export { indexTerms, queryGroups, normaliseText, type TermGroup } from './terms.js';
export {
  searchProducts,
  suggest,
  checkQuery,
  encodeSearchCursor,
  decodeSearchCursor,
  QUERY_MAX_CHARS,
  SEARCH_MAX_LIMIT,
  SUGGEST_MAX,
  SEARCH_SORTS,
  type SearchQuery,
  type SearchSort,
} from './search-products.js';
export {
  searchVideos,
  searchPeople,
  searchLiveRooms,
  personCards,
  type PersonCard,
  type SubjectQuery,
} from './search-subjects.js';
export { shopSummary, type ShopSummary } from './shop-summary.js';
export { shelfProducts, SHELF_SORTS, type ShelfSort, type ShelfQuery } from './shelf.js';
