/** Open platform (开放平台): apps, shops' authorisations, tokens, the Doudian-compatible methods and message push. */
export * from './signing.js';
export * from './envelope.js';
export * from './rules.js';
export * from './status-map.js';
export * from './push-tags.js';
export { LOGISTICS_COMPANIES, carrierByCode, type LogisticsCompany } from './carriers.js';
export { openIdOf, openIdsOf, internalIdOf, numberFor, type OpenIdKind } from './open-ids.js';
export { registerApp, updateApp, rotateSecret, myApps, adminApps, reviewApp, appForConsent, appByKey, appView, type AppInput, type AppView, type AppDecision, type OpenPlatformErrorCode } from './apps.js';
export {
  authorizeSelfUse, issueAuthCode, createToken, refreshToken, resolveAccessToken, shopAuthorizations, revokeAuthorization,
  type TokenData, type ResolvedToken, type AuthorizationView,
} from './authorizations.js';
export { resolveCaller, runMethod, type Caller } from './gateway-core.js';
export type { Params } from './params.js';
export type { OpenAppsTable } from '../storage/schema-openplatform.js';
export { installPush, consumePushFromStream, PUSH_CONSUMER, deliverPending, deliveryLog, replayDelivery, enqueueFromEvent, pushBody, httpPost, PUSH_RETRY_TIMER, type PushPost, type DeliveryView } from './push.js';
export { jsonWithInt64 } from './push-data.js';
