// The core package's public API: named exports, each from a module's index.ts (or a root file).
export type { Db, Tx, CoreContext, Actor } from './context.js';
export { type CoreOptions, type Core, type CoreStrategies, type StrategyEnv, DEFAULT_PAY_WINDOW_MS, openCore } from './core.js';
export {
  type Clock, systemClock, ManualClock, DomainError, notFound, forbidden, invalid, conflict, ID_PREFIX, type IdKind,
  newId, isIdOf, assertFen, sumFen, formatFen, mulberry32, installationSecret, getSetting, setSetting, type CsvCell,
  csvField, csvDocument, maskPhone, startOfShanghaiDay, endOfShanghaiDay,
} from './platform/index.js';
export {
  type Dialect, type StorageOptions, type Storage, openStorage, migrations, type MigrationReport, migrateToLatest,
  type Database,
} from './storage/index.js';
export {
  SESSION_TTL_MS, type UserView, type RegisterInput, register, grantRole, type IssuedSession, logIn, issueSession,
  logOut, type AuthenticatedSession, authenticate, loadActor, loadUserView, actorView, hashToken, findUsers, setRole,
  type AddressInput, type AddressView, checkAddress, addAddress, updateAddress, listAddresses, type RegionProblem,
  type RegionVerdict, regionProblem, GLOBAL_ROLES, type GlobalRole, type Role, hasRole, requireRole, requireShopMember,
  requireShopOwner,
} from './accounts/index.js';
export {
  type CategoryBasics, type CategoryView, type CategoryInput, checkCategoryBasics, createCategory, updateCategoryRules,
  categoryTree, requireLeafCategory, type ShopInput, type ShopView, createShop, updateShop, addStaff, getShop, myShops,
  type ProductInput, createProduct, requireOwnProduct, updateProduct, setProductStatus, type ProductChangedEvent,
  delistProductByPlatform, productForReview, updateSkuPrice, requireOwnSku, type SpecOption, type SkuInput,
  MAX_PRICE_FEN, MAX_STOCK, specKey, checkSpecsAndSkus, checkPrice, checkStock, type ProductStatus,
  PRODUCT_TRANSITIONS, checkProductTransition, isBuyable, type ProductCard, type ProductDetail, type Page, imageUrl,
  type ProductQuery, productCardsByIds, listProducts, productDetail, firstImages, MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_PRODUCT, sniffImageType, mediaDir, addProductImage, KEEP_UNUSED_UPLOADS_MS, deleteMediaFiles,
} from './catalog/index.js';
export {
  type ReservationLine, reserveStock, commitReservations, releaseReservations, adjustStock, receiveIntoStock,
  takeFromStock,
} from './inventory/index.js';
export {
  MAX_CART_ITEMS, type CartView, putCartItem, removeCartItem, selectCartItems, cartCount, cartView,
} from './cart/index.js';
export {
  ATTRIBUTION_SOURCES, MAX_LINE_QUANTITY, checkAttribution, type PricedSku, type ShopShipping, type Attribution,
  type RequestedLine, type PricedLine, type PricedOrder, shippingFee, priceOrders, mergeLines, type CouponTerms,
  type AppliedCoupon, shareByWeight, eligibleSpend, applyCoupon, MAX_CHECKOUT_LINES, type CheckoutInput,
  type CheckoutResult, checkout,
} from './checkout/index.js';
export {
  type CreatePaymentRequest, type RefundRequest, type TransferRequest, type ProviderNotification, type PaymentProvider,
  type PaymentProviders, providerRegistry, moneyProviders, type PayoutRequest, type PayoutNotification,
  type ProviderRecord, type PayoutProvider, type ProviderStatementSource, type MoneyProviders, SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_MS, sign, verifySignature, notifyPath, type PaymentView, paymentView, openCashier,
  receiveNotification, type NotificationOutcome, applyNotification, requestRefund, submitPendingRefunds,
  type CompensationKind, type CompensationPayoutStatus, type BookCompensationInput, bookBuyerCompensation,
  compensationRetryDelayMs, submitPendingCompensations, applyTransferNotification, type SandboxTxnView, SandboxGateway,
  sandboxStatement, SandboxProvider, parseNotification,
} from './payments/index.js';
export {
  type OrderStatus, type ActorKind, ORDER_STATUSES, ORDER_TRANSITIONS, canTransition, assertTransition,
  STATUS_TIME_COLUMN, cancelOrder, type ParcelInput, shipOrder, markShipmentDelivered, confirmReceipt,
  type OrderLineView, type OrderSummary, type OrderDetail, type OrderQuery, buyerOrders, shopOrders, orderDetail,
  type TransitionReason, type TransitionReasonCode, TRANSITION_REASON_CODES, type ReasonView, reasonText, reasonOf,
  reasonColumns, SELLER_REMARK_MAX, SELLER_REMARK_STARS, setSellerRemark, ADDRESS_CHANGEABLE, changeOrderAddress,
} from './orders/index.js';
export { type DomainEvent, emit, type EventHandler, OutboxDispatcher } from './outbox/index.js';
export {
  DEMO_PASSWORD, DEMO_DOORS, type SeedProgress, isDemoSeeded, type DemoLogin, demoLogins, type SeedOptions, seedDemo,
  demoAccountsWithPublicPassword, buildDemoCatalog,
} from './demo/index.js';
export {
  type VideoStatus, type VideoActor, VIDEO_STATUSES, VIDEO_TRANSITIONS, canVideoTransition, assertVideoTransition,
  publishPath, type VideoReviewDecision, reviewTarget, TITLE_MAX, CAPTION_MAX, COMMENT_MAX, MAX_HASHTAGS, MAX_ANCHORS,
  parseHashtags, charLength, checkTitle, checkCaption, checkCommentText, checkAnchorIds, type ByteReader,
  type VideoKind, type VideoInspection, sniffVideoType, unsupportedVideo, inspectVideo, mvhdDuration, bufferReader,
  MAX_VIDEO_BYTES, MAX_POSTER_BYTES, videosDir, postersDir, uploadsTempDir, videoUrl, posterUrl, inspectVideoFile,
  checkPoster, moveIntoVideos, writePoster, extractPoster, type AutoCoverKind, autoCoverKind, removeQuietly,
  type VideoRow, type VideoAnchor, type VideoCard, videoCards, videoCardsByIds, type CreateVideoInput, createVideo,
  managesVideo, canSeeVideo, visibleVideo, getVideo, type VideoMovedEvent, type VideoHeldEvent, publishVideo,
  decideVideoReview, takeDownVideo, videoForReview, removeVideo, likeVideo, unlikeVideo, followerCount, followingCount,
  followUser, unfollowUser, REPLIES_SHOWN, type CommentReply, type CommentView, addComment, listComments,
  commentForReview, hideComment, VIEW_WINDOW_MS, shareVideo, viewerKey, recordView, type Profile,
  type ContentPageQuery, userProfile, userVideos, type CreatorVideo, ATTRIBUTED_ORDER_STATUSES, attributedSales,
  myVideos, TITLE_CARD_WIDTH, TITLE_CARD_HEIGHT, titleLines, titleCardSvg,
} from './content/index.js';
export {
  type FeedSource, PATTERN, type Picked, interleave, type RecommendCursor,
  type FollowingCursor, type FeedCursor, cursorKey, encodeCursor, decodeCursor, type FeedVideoCard, loadFeedCards,
  markForViewer, cardToJson, SNAPSHOT_TTL_MS, FULL_REBUILD_MS, NEW_WINDOW_MS, POPULAR_WINDOW_MS, FOLLOWED_WINDOW_MS,
  type FeedSnapshot, resetFeedCache, feedSnapshot, rankPopular, followedCandidates, type FeedTab, FEED_DEFAULT_LIMIT,
  FEED_MAX_LIMIT, type FeedQuery, type FeedPage, VIEWER_ID_PATTERN, feedPageToJson, sourceReason, getFeed,
  insertTestVideos,
  type PersonalPage, personalFeedPage,
} from './feed/index.js';
export {
  EVENT_TYPES, type EventType, MAX_EVENTS_PER_BATCH, MAX_FUTURE_MS, MAX_AGE_MS, MAX_WATCH_MS, CLIENT_EVENT_ID_PATTERN,
  type ClientEvent, isEventType, checkEventBatch, uniqueByClientId, actorKey, type EventSender, type IngestResult,
  ingestEvents, type PersonSettings, DEFAULT_PERSON_SETTINGS, getPersonSettings, putPersonSettings, SERVER_EVENT_TYPES,
  type ServerEventType, type StoredEventType, type ServerEvent, recordServerEvents, type RecordedEvent, recordEvents,
} from './events/index.js';
export {
  PROFILE_TTL_MS,
  type RecommendServiceOptions, type EngineLifecycleEvent, RecommendService, recommendService, runningRecommendService,
  mergeDeviceProfile, stopRecommendService, type PoolStatus, type PoolStepView,
  type VideoPoolView, summarisePool, videoPoolView, myVideoPools, FeedMultipliers, THROTTLED_MULTIPLIER, multiplierOf,
  type MultiplierRule, type MultiplierTable, subscribeRecommendOutbox, learnFromDomainEvent, ENGINE_OUTBOX_TOPICS,
  type EngineOutboxTopic, feedEngineFromStream, type EngineIntake, type EngineIntakeFigures, useRemoteEngine,
  remoteEngine, type RemoteEngine, type Recommended, WARM_SIGNAL_DAYS, WARM_VIDEO_DAYS, type WarmReport,
  listModelVersions, modelVersion, requestRetrain, type ModelVersion, type ModelVersionStatus,
  type ModelDecisionReason, type ModelFigures, type RetrainTrigger, RETRAIN_SCHEDULE_DEFAULTS, scoresWorse,
  type RetrainDecision, type RetrainOptions, adminModelVersions, adminRequestRetrain, type ModelVersionsView,
  type PersonVectors, clientEventSignal, videoMetasByIds,
  SHOWN_FILTER_BITS, ShownFilter,
} from './recommend/index.js';
export {
  EmbeddedStream, SeenIds, matchesPrefix, type Stream, type StreamConsumer, type StreamHandler, type StreamMessage,
  type StreamSubject, relayOutbox, relaySignals, type OutboxStreamPayload,
} from './stream/index.js';
export {
  searchProducts, suggest, checkQuery, encodeSearchCursor, decodeSearchCursor, QUERY_MAX_CHARS, SEARCH_MAX_LIMIT,
  SUGGEST_MAX, SEARCH_SORTS, type SearchQuery, type SearchSort, searchVideos, searchPeople, searchLiveRooms,
  personCards, type PersonCard, type SubjectQuery, indexProduct, reindexShop, reindexCategory, backfillSearchIndex,
  reindexAllProducts, indexVideos, indexPeople, indexLiveRooms, reindexAllSubjects, SUBJECT_KINDS, type SubjectKind,
  pinyinTerms, withPinyin, indexTerms, queryGroups, normaliseText, type TermGroup, shopSummary, type ShopSummary,
  shelfProducts, SHELF_SORTS, type ShelfSort, type ShelfQuery, createSearchStructures, createSubjectStructures,
} from './search/index.js';
export {
  ACCOUNT_KINDS, type AccountKind, PAYABLE_KINDS, type PayableKind, accountId, parseAccountId, canView,
  requireWithdrawable, requireViewable, accountsOf, BP, type LineRates, type LineParts, PART_NAMES, allocate,
  assertRates, splitLine, clawbackLine, sumParts, spreadRefund, payoutAllowed, type JournalInput,
  type JournalEntryInput, normaliseEntries, postJournals, postJournal, balanceOf, type LineMoneyRow,
  LINE_MONEY_COLUMNS, effectiveRates, recordCapture, type RefundMoneyInput, recordRefund, recordRefundPaid,
  scheduleSettlement, recordCompensationPaid, type SettleStep, type FaultHook, SETTLEMENT_HOLDING_CASE_STATUSES,
  settleDueOrders, settleOrders, type RefundOrderInput, refundOrder, type CompensationInput, compensateBuyer,
  MIN_PAYOUT_FEN, payoutNotifyPath, type PayoutAccountView, registerPayoutAccount, listPayoutAccounts, type PayoutView,
  requestPayout, listPayouts, submitPayouts, type PayoutOutcome, receivePayoutNotification, applyPayoutNotification,
  type BalanceView, myBalances, platformBalances, type StatementLine, type StatementQuery, statement, statementCsv,
  type SettlementView, shopSettlements, type OurRecord, type Mismatch, reconcile, RECONCILE_GRACE_MS,
  type ReconciliationTrigger, type ReconciliationReport, compareWithProviders, reportDay, reconcileDaily,
  runReconciliation, listReconciliations, type CompensationProblemCode, type CompensationProblem,
  type LedgerCheckReport, checkCompensation, checkLedger, paidPerLine, setShopSettleCap, settleWindowFor,
  shopSettleTerms, type ShopSettleTerms,
} from './ledger/index.js';
export {
  type CsvRecord, parseCsv, type ShipmentCsvRow, MAX_SHIPMENT_ROWS, parseShipmentCsv, DAY_MS, shanghaiDayStart,
  shanghaiDayNumber, dayLabel, lastDays, type ShopDashboard, shopDashboard, type BatchShipResult, type BatchShipReport,
  batchShip, batchShipTemplateCsv, type AdminShopRow, adminShops, type CsvEncoding, type DecodedCsv, decodeCsvBytes,
} from './console/index.js';
export {
  MAX_TIMER_ATTEMPTS, retryDelayMs, givesUp, type TimerInput, type TimerStatus, type TimerView, scheduleTimer,
  scheduleTimers, cancelTimer, cancelTimers, toTimerView, findTimer, troubledTimers, timerCounts, type TimerHandler,
  TimerRegistry, type RunTimersOptions, type RunTimersResult, runDueTimers,
} from './timers/index.js';
export {
  type LateShipmentRule, type RuleProfile, DEFAULT_RULES, RULE_BOUNDS, checkRuleProfile, type RuleProfilePatch,
  applyRulePatch, profileFromStored, orderRules, lateShipmentCompensationFen, type CategoryRuleColumns,
  CATEGORY_RULE_COLUMNS, profileOfCategory, type CategoryRulesView, categoryRules, listCategoryRules,
  updateCategoryRuleProfile, DEADLINE, type DeadlineKind, ORDER_DEADLINES, MERCHANT_DEADLINES, DEADLINE_HOUR_MS,
  DEADLINE_DAY_MS, parseOrderRules, loadOrderRules, type ShopViolationsView, shopViolations, LATE_SHIPMENT_RULE,
  type LateShipmentOutcome, applyLateShipment, payByTimer, onOrderPaid, onOrderShipped, onOrderDelivered,
  onOrderClosed, onOrderTransition, type DeadlineItem, shopDeadlines, SHIP_BY_RECHECK_MS, registerOrderDeadlines,
  type ShipByFacts, shipOverdueMs, isShipOverdue, type AwaitingShipment, awaitingShipment, shipmentCounts,
  isLateDispatch,
} from './rules/index.js';
export {
  type TrackingEventInput, type Carrier, SANDBOX_CARRIER, TRACKED_CARRIERS, TRACKING_STATUSES, type TrackingStatus,
  isTrackingStatus, advances, type PlannedScan, sandboxScanPlan, deliveredScanPlan, sandboxCarrierSpeed,
  SANDBOX_SCAN_TIMER, LOGISTICS_NOTIFY_PATH, acceptSandboxParcel, cancelSandboxParcel, scanCallbackBody,
  registerSandboxCarrier, parseTrackingBody, SandboxCarrier, type TrackingOutcome, applyTrackingEvent,
  receiveTrackingCallback, type ParcelTracking, orderTracking, bookPickup, hasTrackedParcel, installLogistics,
  type WaybillFormat, WAYBILL_FORMATS, waybillFormat, fitsWaybillFormat, waybillNumber, type ShipmentEditRefusal,
  shipmentEditRefusal, type ShipmentEditInput, editShipmentTracking, shipmentEdits,
} from './logistics/index.js';
export {
  DEFAULT_WAREHOUSE, MAX_CAPACITY_PER_DAY, type BacklogOrder,
  type ProjectionInput, type ProjectedOrder, type Projection, slotShipAt, slotsUntil, byShipBy, pressureOf,
  projectCapacity, SURGE_POLICIES, type SurgePolicy, DEFAULT_SURGE_POLICY, NEAR_LIMIT, type SalePromise,
  type SaleDecision, type SaleInput, isSurgePolicy, decideSale, PRESSURE_WINDOW_MS, type ShopLoad, capacityOf,
  loadShopLoad, queueEnd, saleTermsOf, productSaleTerms, type ShopCapacityView, type CapacityProjectionView,
  getShopCapacity, setShopCapacity, setSurgePolicy, shopProjection, capacityPressure, throttleSignal,
  type GuardedOrder, surgePromises,
} from './capacity/index.js';
export {
  CASE_TYPES, type CaseType, CASE_STATUSES, type CaseStatus, FINAL_STATUSES, OPEN_STATUSES, REASON_CODES,
  type ReasonCode, QUALITY_RETURN_REASONS, TRANSPORT_RETURN_REASONS, type Party, BUYER_ACTIONS, MERCHANT_ACTIONS,
  ADMIN_ACTIONS, SYSTEM_ACTIONS, type BuyerAction, type MerchantAction, type PartyAction, type CaseAction, ACTIONS_OF,
  type EventKind, ESCALATION_WINDOW_MS, NO_REASON_WINDOW_MS, isFinal, isOpen, caseSortKey, SORT_KEY_PATTERN,
  type CaseTransition, CASE_TRANSITIONS, nextStatus, tableActions, COUNTER_REPLY_TIMER, type CaseDeadline,
  caseDeadline, lapseAction, type LineFacts, type Verdict, checkEligibility, eligibleTypes, lineRuleProfile,
  INSURANCE_PAYOUT_FEN, spoiledShareFen, requestedFen, type CounterVerdict, counterVerdict, grantableFen,
  checkNamedAmount, MAX_EVIDENCE_PER_ENTRY, type FileCaseInput, fileCase, type ActInput, actOnCase, actOnCasesTogether,
  arbitrateCase, postCaseMessage, type CaseSummary, type ViewerRole, type CaseView, allowedActionsFor, caseView,
  type CaseQuery, buyerCases, shopCases, adminCases, AFTERSALES_TIMER_KINDS, registerAftersalesDeadlines,
  MAX_UNUSED_EVIDENCE, uploadEvidence, takeUnusedEvidence, purgeUnusedEvidence, INSURANCE_RULE, payReturnInsurance,
  type LineAfterSales, linesAfterSales,
} from './aftersales/index.js';
export {
  BASE_KINDS, QC_RESULTS, BATCH_CODE, SUPPLY_LIMITS, bestBefore, type BaseKind, type QcResult, type BatchStatus,
  type SupplyPhoto, uploadSupplyPhoto, attachPhotos, detachPhotos, photosOf, purgeUnattachedPhotos, type SupplierInput,
  type SupplierView, MAX_SUPPLIERS, createSupplier, updateSupplier, deleteSupplier, getSupplier, listSuppliers,
  type BaseInput, type BaseView, MAX_BASES, createBase, updateBase, deleteBase, getBase, listBases, type BatchFields,
  type BatchInput, createBatch, updateBatch, deleteBatch, type BatchView, type QcRecordView, type BatchDetail,
  type BatchQuery, listBatches, batchDetail, type QcInput, addQcRecord, receiveBatch, type BatchStock, type Allocation,
  fifoOrder, allocateFifo, recordLineBatches, type OriginCard, type ProductOrigin, type LineOrigin, productOrigin,
  lineOrigins, CLAIM_WEIGHT, REFUND_WEIGHT, QUALITY_REASONS, QUALITY_CASE_TYPE, NOT_COUNTED_STATUSES,
  type QualityInputs, qualityScore, isQualityCase, type CaseShare, type SupplierTally, tallyCases,
  type SupplierQuality, supplierQuality,
} from './supply/index.js';
export {
  PLAN_KINDS, type PlanKind, PLAN_RATE_RANGE, type AffiliateRules, DEFAULT_AFFILIATE_RULES, COLONEL_LIMITS,
  type ActivityTerms, rateOutOfRange, planRateRange, checkPlanRate, checkActivityTerms, LINK_TOKEN_PATTERN,
  MCN_SHARE_RANGE, MCN_MAX_PERIOD_MS, type RateChangeKind, type RateChange, nextShanghaiMidnight, changeInForce,
  rateInForce, type RateAt, rateFor, type ChangeRequest, type PlannedChange, planRateChange, TOUCH_SOURCES,
  type TouchSource, type Touch, pickTouch, type PlanView, type CreatorStanding, type Candidate, type ChoiceReason,
  type PlanChoice, KIND_PRIORITY, choosePlan, type McnTerms, type AffiliateContext, type ContextQuery,
  loadAffiliateContext, standingOf, type LineSnapshot, unattributed, type DecisionInput, decideLine, type ResolverLine,
  resolveCommissions, type PlanRow, type PlanState, type PlanSummary, planState, toChange, planChanges, summarize,
  activityTerms, lockOwnPlan, loadPlan, requireLive, MAX_NAMED_CREATORS, type PlanInput, createPlan,
  type RateChangeResult, changePlanRate, closePlan, addTargetedCreators, loadSummaries, type ShopPlanQuery,
  listShopPlans, type PlanDetail, planDetail, type ApplicationView, applyToPlan, decideApplication,
  listShopApplications, myApplications, type OfferQuery, offers, requireOpen, MAX_SHOWCASE, type ShowcaseInput,
  type ShowcaseItem, addToShowcase, ensureInShowcase, removeFromShowcase, myShowcase, publicShowcase, anchorProduct,
  encodeLinkToken, decodeLinkToken, type LinkView, createLink, myLinks, type OpenedLink, openLink, type ActivityInput,
  type ActivityView, createActivity, myActivities, openActivities, applyToActivity, type ActivityApplication,
  activityApplications, decideActivityProduct, type ContractView, proposeContract, acceptContract, declineContract,
  endContract, myContracts, type MarketplaceQuery, type MarketplaceItem, marketplace, type GroupBy,
  type PerformanceQuery, type PerformanceRow, type PerformanceReport, shopAffiliatePerformance, creatorEarnings,
  mcnPerformance, colonelPerformance, requireAffiliateParty, SAMPLE_COOLDOWN_MS, SAMPLE_NOTE_MAX, SAMPLE_PAGE_MAX,
  type SampleStatus, SAMPLE_STATUSES, type SampleRequestInput, type SampleRequestView, requestSample, decideSample,
  cancelSample, mySamples, shopSamples, type CreatorMatch, CREATOR_SEARCH_MAX, searchCreators, type CommissionParty,
  type PendingCommissionOrder, type PendingCommission, pendingCommission,
} from './affiliate/index.js';
export {
  type RoomStatus, type SaleStatus, canMoveRoom, MAX_TITLE, MAX_SALE_WINDOW_MS, MAX_SALE_QUANTITY, MAX_PER_PERSON,
  SALE_PAY_WINDOW_MS, MAX_KEYWORD, MAX_PRIZE, MAX_LUCKY_WINNERS, MAX_LUCKY_WAIT_MS, type SaleWindow, saleStatus,
  type FlashSaleInput, checkFlashSale, type CouponInput, checkCoupon, type LuckyBagInput, checkLuckyBag,
  entersLuckyBag, roomNotFound, notRoomHost, roomNotLive, newSeed, seedHash, drawWinners, type CommentToModerate,
  type ModerationVerdict, type CommentModerator, allowAllModerator, ruleBookModerator, type SeriesPoint,
  type RoomCounters, RoomStatsTracker, gpmOf, conversionOf, type LiveEvent, type LiveListener, LiveRuntime,
  liveRuntime, type RoomRow, loadRoom, isRoomHost, requireHost, chooseFallbackVideo, createRoom, openRoom, endRoom,
  type RoomCard, type HostView, hostViews, listRooms, roomCardsByIds, MAX_BAG, addToBag, removeFromBag, pinProduct,
  ingestUrl, hlsUrlOf, issueStreamKey, type IngestCall, parseIngestCall, onPublish, onUnpublish, type SaleInfo,
  loadSaleInfo, type FlashSaleView, saleLabel, saleView, type GateVerdict, type GateTerms, SaleGate, type HotVerdict,
  type HotReply, type HotSeed, type HotCounter, hotToken, parseHotToken, HOT_STALE_MS, LIVE_SALE_PAY_BY,
  type SaleOrderResult, createFlashSale, roomSales, type SaleOrderInput, placeSaleOrder, registerLiveDeadlines,
  type LiveCouponView, roomCoupons, createCoupon, claimCoupon, COUPON_VALID_AFTER_ROOM_MS, type CouponForCheckout,
  couponForCheckout, spendCoupon, giveBackCoupon, type MyLiveCoupon, usableCoupons, WALLET_TABS, type WalletTab,
  WALLET_PAGE_MAX, WALLET_PRODUCTS_NAMED, type WalletCoupon, walletTab, couponWallet, claimedInRoom, LUCKY_DRAW,
  type LuckyBagView, type LuckyBagAudit, roomLuckyBags, luckyBagAudit, createLuckyBag, enterLuckyBags, drawLuckyBag,
  type BagItem, type PublicStats, type RoomView, roomView, type RoomStats, roomDashboard, endLiveRoom,
} from './live/index.js';
export {
  FAVOURITES_PAGE_MAX, type FavouriteState, type FavouriteItem, addFavourite, removeFavourite, favouriteState,
  myFavourites, type FavouriteCursor, encodeFavouriteCursor, decodeFavouriteCursor,
} from './favourites/index.js';
export {
  type BookTerm, type DetectorKind, type Hit, type Homophone, type RuleBook, type RuleCode, type RuleText,
  type Severity, type TermClass, type CheckVerdict, SEVERITIES, SEVERITY_RANK, TERM_CLASSES, RULES, foldText, foldTerm,
  widthFold, type FoldedText, commentDecision, compileRuleBook, expandSpellings, maskHits, verdictOf, DETECTOR_RULES,
  MAX_SPELLINGS_PER_TERM, type Matcher, defaultHomophones, defaultTerms, addHomophone, addTerm, currentMatcher,
  ensureRuleBook, listHomophones, listTerms, removeHomophone, updateTerm, HOMOPHONE_MAX_CHARS, RULE_CODES,
  TERM_MAX_CHARS, type GovernanceErrorCode, type HomophoneView, type TermInput, type TermQuery, type TermView,
  checkContent, enforceComment, enforceContent, type ContentCheck, type FieldHit, type TextField,
} from './governance/index.js';
export {
  BAD_MAX_STARS, FOLLOWUP_WINDOW_MS, FOLLOWUPS_PER_REVIEW, GOOD_MIN_STARS, MAX_REVIEW_PHOTOS, MAX_REVIEW_TEXT,
  REPLIES_PER_REVIEW, REVIEW_FILTERS, REVIEW_WINDOW_MS, REVIEWS_PAGE_MAX, canFollowUp, canReply, canReview,
  decodeReviewCursor, encodeReviewCursor, maskReviewerName, reviewDeadline, starClass, statsDelta, summarizeReviews,
  validStars, type ReviewErrorCode, type ReviewFilter, type ReviewSummary, type StarClass, type Stars, type StatsRow,
  type ReviewVerdict, addFollowUp, createReview, myReviews, orderReviewStates, ownReview, productReviews,
  productReviewSummary, replyToReview, shopReviews, type LineReviewState, type OwnReviewView, type ReviewFlag,
  type ReviewInput, type ReviewView, MAX_UNUSED_REVIEW_PHOTOS, purgeUnusedReviewPhotos, uploadReviewPhoto,
  type ReviewCreatedPayload, type ReviewEvent, type ReviewEventTopic, type ReviewFollowedUpPayload,
  type ReviewRepliedPayload,
} from './reviews/index.js';
export {
  inAssessedHours, inServiceHours, matchFaq, pickStaff, shanghaiMinute, CLIENT_ID_PATTERN, DEFAULT_MAX_OPEN,
  HISTORY_PAGE_MAX, MAX_KEYWORD_CHARS, MAX_MESSAGE_CHARS, MAX_OPEN_LIMIT, MAX_SNIPPET_CHARS, MAX_SNIPPETS,
  MESSAGE_KINDS, RATE_LIMIT, RATE_WINDOW_MS, REPLY_WINDOW_MS, SENDER_RATE_LIMIT, SOURCE_KINDS, type ConversationStatus,
  type MessageKind, type ServiceErrorCode, type ServiceSide, type SnippetKind, type SourceKind, type StaffLoad,
  computeFigures, percentile, type FigureMessage, type FigureRating, type ServiceFigures, serviceFigures,
  serviceReport, type ServiceDay, type ServiceReport, type StaffFigures, audienceOf, type ConversationView,
  type MessageView, getConversation, history, markRead, myConversations, myUnread, openConversation,
  purgeUnusedChatImages, rateConversation, setBlocked, uploadChatImage, type HistoryQuery, type OpenInput, sendMessage,
  type SendInput, type SendResult, addSnippet, arbitrationConversation, buyerContext, closeConversation, deskView,
  getServiceSettings, listSnippets, putServiceSettings, removeSnippet, setPresence, transferConversation,
  type BuyerContext, type DeskView, type ServiceSettings, type SnippetView,
} from './service/index.js';
export {
  appealWindow, catalogueRule, combinedMultiplier, creditScore, inForce, nextThreshold, penaltiesForCrossing,
  pointsInForce, thresholdsLost, thresholdsReached, CAUTION_BEFORE, CREDIT_MAX, CREDIT_RECOVERY_MS, DEFAULT_CATALOGUE,
  DEFAULT_EXPIRY_MS, FIRST_APPEAL_MS, LEDGERS, MAX_APPEALS, MAX_RULE_MILLI_POINTS, MILESTONES, PENALTY_KINDS,
  SECOND_APPEAL_MS, VIOLATION_RULE_CODES, type AppealRefusal, type CatalogueRule, type CreditEvent, type Ledger,
  type Milestone, type PenaltyKind, type PenaltyPlan, type PointRecord, type ViolationSubjectKind,
  type ViolationRuleCode, activePenalty, assertShopNotPenalised, creatorCredit, decideAppeal, expiryMs, fileAppeal,
  listAppeals, listCatalogue, recordByHand, recordViolation, registerViolationTimers, setRulePoints, shopPointRecords,
  shopPointsSince, shopsUnderPenalty, shopViolationBoard, throttledCreatorMultipliers, throttledShopMultipliers,
  violationView, APPEAL_EVIDENCE_MAX, APPEAL_TEXT_MAX, DECISION_REASON_MAX, PENALTY_END_TIMER, type AppealQueueItem,
  type AppealStatus, type AppealView, type CatalogueEntry, type CreditView, type PenaltyRefusalCode,
  type PenaltyStatus, type PenaltyView, type RecordInput, type TimelineEntry, type TimelineKind, type ViolationBoard,
  type ViolationErrorCode, type ViolationEventTopic, type ViolationStatus, type ViolationView, syncFeedThrottle,
  subscribeViolationsOutbox,
} from './violations/index.js';
export {
  DEFAULT_DIMENSION_WEIGHTS, DELIVERY_PROMISE_HOURS, EXPERIENCE_DIMENSIONS, INDICATOR_KEYS, INDICATORS, MIN_ORDERS,
  MIN_PEERS, WINDOW_DAYS, type ExperienceDimension, type IndicatorDef, type IndicatorKey, benchmarkFrom, improvements,
  indicatorScore, scoreShops, type Benchmark, type IndicatorResult, type Ratio, type ScoreStatus, type ShopCounts,
  type ShopScore, BOOST_AT, BOOST_MULTIPLIER, CUT_BELOW, CUT_MULTIPLIER, FAST_SETTLE_DAYS, MARKETPLACE_MIN,
  PAID_TRAFFIC_MIN, engineMultiplier, gatesOf, marketplaceAllowed, paidTrafficAllowed, settleCapDays, type Gates,
  defaultWeights, mergeWeights, weightsProblem, type ExperienceWeights, shopCounts, type ImFigures,
  type ImFiguresSource, type ExperienceWindow, categoryWeights, currentExperienceTotals, listExperienceScores,
  recomputeAllExperience, recomputeShopExperience, scoreAllShops, scoreShopsDaily, setCategoryWeights, shanghaiDay,
  shopExperience, RECOMPUTE_EVERY_MS, type ExperienceErrorCode, type ExperienceOptions, type ExperienceView,
  type ScoreListItem, syncExperienceMultipliers,
} from './experience/index.js';
export {
  allowedDecisions, checkDecision, checkReportRate, DECISIONS, DEFAULT_REVIEW_WINDOW_MS, ITEM_SOURCES, ITEM_STATUSES,
  NOTE_MAX_CHARS, REASON_MAX_CHARS, REPORT_REASONS, REPORTS_PER_HOUR, REVIEW_DUE_TIMER, MODERATION_SUBJECT_KINDS,
  type Decision, type ItemSource, type ItemStatus, type ModerationErrorCode, type ReportReason, type ReportStatus,
  type ModerationSubjectKind, decideItem, getItem, listQueue, myModerationDecisions, type ItemView,
  type ModerationDecidedEvent, type ModerationEvent, type ModerationOverdueEvent, type OwnDecisionView,
  type QueueQuery, type ReportView, fileReport, type ReportInput, installModeration, reviewWindowFromEnv,
} from './moderation/index.js';
export {
  type SignMethod, type SignedFields, stringToSign, signRequest, parseSignMethod, signatureMatches, signPush,
  TIMESTAMP_SKEW_MS, parseRequestTimestamp, type TimestampCheck, checkTimestamp, formatGmt8, canonicalParamJson,
  type PlatformCode, PLATFORM_MSG, OpenApiError, type Envelope, successEnvelope, errorEnvelope, missingParam,
  badPlatformParam, missingBusinessParam, badBusinessParam, noPermission, tokenFailed, businessFailed, trafficLimited,
  apiOff, serviceError, wireErrorOf, METHOD_GROUPS, type MethodGroup, APP_STATUSES, type AppStatus, type AppKind,
  type AuthorizationStatus, METHODS, type OpenMethod, resolveMethod, isMethodGroup, APP_KEY_PATTERN, appKeyFrom,
  ACCESS_TOKEN_TTL_MS, REFRESH_TOKEN_TTL_MS, REFRESH_WINDOW_MS, AUTH_CODE_TTL_MS, type RefreshDecision, decideRefresh,
  APP_QPS, METHOD_QPS, type WireOrderStatus, type WireMainStatus, ORDER_STATUS_DESC, wireOrderStatus, wireMainStatus,
  ORDER_STATUS_FILTER, type WireAfterSaleStatus, AFTERSALE_STATUS, wireAfterSaleStatus, AFTERSALE_TYPE,
  wireRefundStatus, OPERATE_TYPES, OPERATE_NEEDS_REASON, OPERATE_NEEDS_LOGISTICS, PUSH_TAGS, type PushTag,
  ALL_PUSH_TAGS, isPushTag, PUSH_TOPICS, type EventForTags, tagsFor, pushRetryDelayMs, PUSH_GIVE_UP_MS, PUSH_BATCH,
  LOGISTICS_COMPANIES, carrierByCode, type LogisticsCompany, openIdOf, openIdsOf, internalIdOf, numberFor,
  type OpenIdKind, registerApp, updateApp, rotateSecret, myApps, adminApps, reviewApp, appForConsent, appByKey,
  appView, type AppInput, type AppView, type AppDecision, type OpenPlatformErrorCode, authorizeSelfUse, issueAuthCode,
  createToken, refreshToken, resolveAccessToken, shopAuthorizations, revokeAuthorization, type TokenData,
  type ResolvedToken, type AuthorizationView, resolveCaller, runMethod, type Caller, type Params, type OpenAppsTable,
  installPush, deliverPending, deliveryLog, replayDelivery, enqueueFromEvent, pushBody, httpPost, PUSH_RETRY_TIMER,
  type PushPost, type DeliveryView, jsonWithInt64,
} from './openplatform/index.js';
export {
  AD_BID_KINDS, AD_GOALS, AD_PACINGS, AD_PROMOTES, MAX_COST_CAP_FEN, MAX_DAILY_BUDGET_FEN, MAX_ROI_CENTI,
  MAX_TOPUP_FEN, MIN_COST_CAP_FEN, MIN_DAILY_BUDGET_FEN, MIN_ROI_CENTI, MIN_TOPUP_FEN, SCHEDULE_SLOTS, type AdBidKind,
  type AdCampaignStatus, type AdGoal, type AdPacing, type AdPromote, type AdServeStatus, type AdsErrorCode,
  type AdTopupStatus, type AdTouch, type InvalidTrafficReason, adDay, bidEcpmFen, bidPerConversionFen,
  expectedShareByEndOfSlot, FULL_SCHEDULE, invalidTraffic, isAdSlot, organicValueFen, participation, pooledPrior,
  predict, qualityFactor, runAuction, scheduleFromSlots, slotOf, slotOn, TRAFFIC_CURVE, maxAdsOnPage, MAX_AD_LOAD,
  validateCampaign, FIRST_AD_AT, ORGANIC_BETWEEN, FREQUENCY_CAP_PER_DAY, type Bidder, type CampaignInput, adAccount,
  debitSpend, receiveTopupNotification, startTopup, topupNotifyPath, withdrawAdBalance, type AdAccountView,
  adCreatives, assertMayAdvertise, campaignView, createCampaign, listCampaigns, setCampaignStatus, type AdCreative,
  type CampaignView, feedWithAds, feedWithAdsToJson, type AdMark, type AdsOptions, type FeedPageWithAds, reportClick,
  reportImpressions, type ImpressionOutcome, attributePayment, subscribeAdsOutbox, adsOverview, campaignReport,
  type AdsOverview, type CampaignReport, type ReportRow, liveRoomItems, reportRoomEntry, type LiveAdRoom,
  type RoomEntryOutcome, refreshAdAudiences, type AudienceRefresh, AUDIENCE_RULES, nearestToCentroid, seedCentroid,
} from './ads/index.js';
export {
  CHANNELS, lineChannel, eventChannel, isChannel, type Channel, METRICS, METRIC_KEYS, metricDefinition, metricValues,
  emptyTotals, type MetricDefinition, type MetricKey, type MetricUnit, type Totals, PRICE_BANDS, priceBandOf,
  type PriceBand, DIMENSIONS, SCOPES, SCOPE_DIMENSIONS, HOURLY_DIMENSIONS, keepsPeople, keepsDimension,
  ROLLUP_COUNTERS, aggregate, factKeys, type Dimension, type Scope, type Fact, type RollupDelta, type PeopleRow,
  factsInWindow, SqlRollupStore, type RollupStore, type ScopeRef, type RollupQuery, type LiveActivity,
  type LiveMinuteRow, consumeRollups, rebuildRollups, COMPASS_CURSOR, COMMIT_GRACE_MS, type ConsumeResult, dayRange,
  previousRange, checkDimension, MAX_RANGE_DAYS, type DayRange, type AnalyticsErrorCode, compassOverview,
  compassBreakdown, breakdownCsv, breakdownTable, resolveScope, BREAKDOWN_LIMIT, type Overview, type Breakdown,
  type BreakdownRow, type ReportQuery, type OverviewQuery, shanghaiDate, parseShanghaiDate, hourOf, compassLiveRooms,
  compassLiveRoom, bestMoments, MAX_ROOM_MINUTES, LIVE_ROOMS_LIMIT, type LiveRoomSummary, type LiveRoomReport,
} from './analytics/index.js';
export {
  type Signal, type SignalListener, type SignalSource, onSignals, hasSignalListeners, publishSignals, publishAfter,
} from './signals/index.js';
export { verifyPassword, hashPassword } from './accounts/index.js';
export { AD_OWNER_KINDS, creatorOwner, shopOwner, type AdOwner, type AdOwnerKind, adBalanceAccount } from './ads/index.js';
export { checkKey, requestHash } from './checkout/index.js';
export { DEMO_CLIPS_DIR, gradientPng } from './demo/index.js';
export { reserveStockLines, type OrderReservationLine } from './inventory/index.js';
export { consumePushFromStream, PUSH_CONSUMER } from './openplatform/index.js';
export { type TransitionActor, transitionOrder, requireTransition, placeOrders, checkDraftMoney, type OrderDraft, type OrderLineDraft, type PlacedStatus } from './orders/index.js';
export { emitMany, outboxRow, type OutboxEntry, type OutboxEvents, type OutboxTopic, type EventUnder } from './outbox/index.js';
export { SandboxPayoutProvider, SANDBOX_FAILING_ACCOUNT_SUFFIX, openPayments, type PaymentToOpen, PAYMENT_STATES, REFUND_STATES, PAYMENT_TRANSITIONS, REFUND_TRANSITIONS, type PaymentStatus, type MoneyParty } from './payments/index.js';
export { cachedInstallationSecret, housekeeping, appliedRules, reconcileMultipliers, type MultiplierKey, type MultiplierSink, HOUR_MS, ERROR_CODES, ERROR_CODE_LIST, errorStatus, isErrorCode, type ErrorCode, stateTable, type StateTable, type Transition, Runtime, runtimePart, runtimeOf, createRuntime, type RuntimePart } from './platform/index.js';
export { type EngineModelState, Retrainer, type ModelAdoption, MODEL_SERVING_TOPIC, type ModelServingTopic, EngineStopped } from './recommend/index.js';
export { shipByAtOf } from './rules/index.js';
export { compiledOnce, type CompiledOnce, type McnContractsTable, type AffiliatePlansTable, insertRows, type AftersalesCasesTable, type VideosTable, type CommentsTable, type VideoAnchorsTable, type VideoLikesTable, type VideoSharesTable, type VideoViewsTable, type EventsTable, readAside, type OpenTokensTable, type ModelVersionsTable, type StoreAccess, openStoreReader, storeAccessOf, type ServiceConversationsTable, type ServiceMessagesTable, type ContractStatus, type PayoutStatus, type OutboxTable, statementsExecuted } from './storage/index.js';
export { type ConsumeOptions, consumeOutboxOnStream, type OutboxConsumer, type OutboxConsumerFigures } from './stream/index.js';
export { subjectsUnderPenalty } from './violations/index.js';
