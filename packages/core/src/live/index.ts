export {
  ROOM_STATUSES,
  type RoomStatus,
  type SaleStatus,
  canMoveRoom,
  MAX_TITLE,
  MAX_SALE_WINDOW_MS,
  MAX_SALE_QUANTITY,
  MAX_PER_PERSON,
  SALE_PAY_WINDOW_MS,
  MAX_KEYWORD,
  MAX_PRIZE,
  MAX_LUCKY_WINNERS,
  MAX_LUCKY_WAIT_MS,
  type SaleWindow,
  saleStatus,
  type FlashSaleInput,
  checkFlashSale,
  type CouponInput,
  checkCoupon,
  type LuckyBagInput,
  checkLuckyBag,
  entersLuckyBag,
  roomNotFound,
  notRoomHost,
  roomNotLive,
} from './live-rules.js';
export { newSeed, seedHash, drawWinners } from './lucky-draw.js';
export { type SeriesPoint, type RoomCounters, RoomStatsTracker, gpmOf, conversionOf } from './room-stats.js';
export { type GateVerdict, type GateTerms, SaleGate } from './sale-gate.js';
export {
  type HotVerdict,
  type HotReply,
  type HotSeed,
  type HotCounter,
  hotToken,
  parseHotToken,
} from './hot-counter.js';
export { HOT_STALE_MS } from './sale-hot.js';
export {
  type CommentToModerate,
  type ModerationVerdict,
  type CommentModerator,
  allowAllModerator,
  ruleBookModerator,
} from './moderation.js';
export { type LiveEvent, type LiveListener, LiveRuntime, liveRuntime } from './runtime.js';
export {
  type RoomRow,
  loadRoom,
  isRoomHost,
  requireHost,
  chooseFallbackVideo,
  createRoom,
  openRoom,
  endRoom,
  type RoomCard,
  type HostView,
  hostViews,
  listRooms,
  roomCardsByIds,
} from './rooms.js';
export { MAX_BAG, addToBag, removeFromBag, pinProduct } from './bag.js';
export {
  ingestUrl,
  hlsUrlOf,
  issueStreamKey,
  type IngestCall,
  parseIngestCall,
  onPublish,
  onUnpublish,
} from './stream.js';
export { type SaleInfo, loadSaleInfo, type FlashSaleView, saleLabel, saleView } from './sale-info.js';
export { LIVE_SALE_PAY_BY, type SaleOrderResult } from './sale-writer.js';
export { createFlashSale, roomSales, type SaleOrderInput, placeSaleOrder } from './flash-sales.js';
export { registerLiveDeadlines } from './sale-deadlines.js';
export { createCoupon, claimCoupon } from './coupons.js';
export {
  WALLET_TABS,
  type WalletTab,
  WALLET_PAGE_MAX,
  WALLET_PRODUCTS_NAMED,
  type WalletCoupon,
  walletTab,
  couponWallet,
  claimedInRoom,
} from './coupon-wallet.js';
export {
  LUCKY_DRAW,
  type LuckyBagView,
  type LuckyBagAudit,
  roomLuckyBags,
  luckyBagAudit,
  createLuckyBag,
  enterLuckyBags,
  drawLuckyBag,
} from './lucky-bags.js';
export {
  type BagItem,
  type PublicStats,
  type RoomView,
  roomView,
  type RoomStats,
  roomDashboard,
  endLiveRoom,
} from './room-view.js';
