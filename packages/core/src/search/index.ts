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
  searchProductIds,
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
  type IdPage,
} from './search-products.js';
export { searchSubjectIds, type SubjectQuery } from './search-subjects.js';
