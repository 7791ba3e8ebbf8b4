/** Open platform (开放平台): apps, shops' authorisations, tokens, the Doudian-compatible methods and message push. */
export {
  type SignMethod, type SignedFields, stringToSign, signRequest, parseSignMethod, signatureMatches, signPush,
  TIMESTAMP_SKEW_MS, parseRequestTimestamp, type TimestampCheck, checkTimestamp, formatGmt8, canonicalParamJson,
} from './signing.js';
export {
  type PlatformCode, PLATFORM_MSG, OpenApiError, type Envelope, successEnvelope, errorEnvelope, missingParam,
  badPlatformParam, missingBusinessParam, badBusinessParam, noPermission, tokenFailed, businessFailed, trafficLimited,
  apiOff, serviceError, wireErrorOf,
} from './envelope.js';
export {
  METHOD_GROUPS, type MethodGroup, APP_STATUSES, type AppStatus, type AppKind, type AuthorizationStatus, METHODS,
  type OpenMethod, resolveMethod, isMethodGroup, APP_KEY_PATTERN, appKeyFrom, ACCESS_TOKEN_TTL_MS,
  REFRESH_TOKEN_TTL_MS, REFRESH_WINDOW_MS, AUTH_CODE_TTL_MS, type RefreshDecision, decideRefresh, APP_QPS, METHOD_QPS,
} from './rules.js';
export {
  type WireOrderStatus, type WireMainStatus, ORDER_STATUS_DESC, wireOrderStatus, wireMainStatus, ORDER_STATUS_FILTER,
  type WireAfterSaleStatus, AFTERSALE_STATUS, wireAfterSaleStatus, AFTERSALE_TYPE, wireRefundStatus, OPERATE_TYPES,
  OPERATE_NEEDS_REASON, OPERATE_NEEDS_LOGISTICS,
} from './status-map.js';
export {
  PUSH_TAGS, type PushTag, ALL_PUSH_TAGS, isPushTag, PUSH_TOPICS, type EventForTags, tagsFor, pushRetryDelayMs,
  PUSH_GIVE_UP_MS, PUSH_BATCH,
} from './push-tags.js';
export { LOGISTICS_COMPANIES, carrierByCode, type LogisticsCompany } from './carriers.js';
export { openIdOf, openIdsOf, internalIdOf, numberFor, type OpenIdKind } from './open-ids.js';
export type { Params } from './params.js';
export { jsonWithInt64 } from './push-data.js';
export { registerApp, updateApp, rotateSecret, myApps, adminApps, reviewApp, appForConsent, appByKey, appView, type AppInput, type AppView, type AppDecision, type OpenPlatformErrorCode } from './apps.js';
export {
  authorizeSelfUse, issueAuthCode, createToken, refreshToken, resolveAccessToken, shopAuthorizations, revokeAuthorization,
  type TokenData, type ResolvedToken, type AuthorizationView,
} from './authorizations.js';
export { resolveCaller, runMethod, type Caller } from './gateway-core.js';
export type { OpenAppsTable } from '../storage/index.js';
export { installPush, consumePushFromStream, PUSH_CONSUMER, deliverPending, deliveryLog, replayDelivery, enqueueFromEvent, pushBody, httpPost, PUSH_RETRY_TIMER, type PushPost, type DeliveryView } from './push.js';
