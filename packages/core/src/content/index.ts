// The content module's public surface.
export {
  type VideoStatus,
  type VideoActor,
  VIDEO_STATUSES,
  VIDEO_TRANSITIONS,
  canVideoTransition,
  assertVideoTransition,
  publishPath,
  type VideoReviewDecision,
  reviewTarget,
} from './video-states.js';
export {
  TITLE_MAX,
  CAPTION_MAX,
  COMMENT_MAX,
  MAX_HASHTAGS,
  MAX_ANCHORS,
  parseHashtags,
  charLength,
  checkTitle,
  checkCaption,
  checkCommentText,
  checkAnchorIds,
} from './text-rules.js';
export {
  type ByteReader,
  type VideoKind,
  type VideoInspection,
  sniffVideoType,
  unsupportedVideo,
  inspectVideo,
  mvhdDuration,
  bufferReader,
} from './video-container.js';
export { TITLE_CARD_WIDTH, TITLE_CARD_HEIGHT, titleLines, titleCardSvg } from './title-card.js';
export {
  MAX_VIDEO_BYTES,
  MAX_POSTER_BYTES,
  videosDir,
  postersDir,
  uploadsTempDir,
  videoUrl,
  posterUrl,
  inspectVideoFile,
  checkPoster,
  moveIntoVideos,
  writePoster,
  extractPoster,
  type AutoCoverKind,
  autoCoverKind,
  removeQuietly,
} from './media-files.js';
export { type VideoRow, type VideoAnchor, type VideoCard, videoCards, videoCardsByIds } from './video-cards.js';
export {
  type CreateVideoInput,
  createVideo,
  managesVideo,
  canSeeVideo,
  visibleVideo,
  getVideo,
  type VideoMovedEvent,
  type VideoHeldEvent,
  publishVideo,
  decideVideoReview,
  takeDownVideo,
  videoForReview,
  removeVideo,
} from './videos.js';
export { likeVideo, unlikeVideo, followerCount, followingCount, followUser, unfollowUser } from './social.js';
export {
  REPLIES_SHOWN,
  type CommentReply,
  type CommentView,
  addComment,
  listComments,
  commentForReview,
  hideComment,
} from './comments.js';
export { VIEW_WINDOW_MS, shareVideo, viewerKey, recordView } from './shares-views.js';
export {
  type Profile,
  type ContentPageQuery,
  userProfile,
  userVideos,
  type CreatorVideo,
  ATTRIBUTED_ORDER_STATUSES,
  attributedSales,
  myVideos,
} from './profiles.js';
