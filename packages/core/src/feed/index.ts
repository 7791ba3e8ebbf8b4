// The feed module's public surface.
export { type FeedSource, PATTERN, type Picked, interleave } from './interleave.js';
export {
  type RecommendCursor,
  type FollowingCursor,
  type FeedCursor,
  cursorKey,
  encodeCursor,
  decodeCursor,
} from './feed-cursor.js';
export { type FeedVideoCard, loadFeedCards, markForViewer, cardToJson } from './video-cards.js';
export {
  SNAPSHOT_TTL_MS,
  FULL_REBUILD_MS,
  NEW_WINDOW_MS,
  POPULAR_WINDOW_MS,
  FOLLOWED_WINDOW_MS,
  type FeedSnapshot,
  resetFeedCache,
  feedSnapshot,
  rankPopular,
  followedCandidates,
} from './candidates.js';
export {
  type FeedTab,
  FEED_DEFAULT_LIMIT,
  FEED_MAX_LIMIT,
  type FeedQuery,
  type FeedOptions,
  type FeedPage,
  VIEWER_ID_PATTERN,
  feedPageToJson,
  sourceReason,
  getFeed,
} from './feed.js';
export { insertTestVideos } from './test-videos.js';
export { type PersonalPage, personalFeedPage } from './personal-feed.js';
