import type { App, RouteDeps } from './types.js';
import { affiliateMerchantRoutes } from './affiliate-merchant-routes.js';
import { affiliateCreatorRoutes } from './affiliate-creator-routes.js';
import { affiliatePartnerRoutes } from './affiliate-partner-routes.js';
import { affiliateSampleRoutes } from './affiliate-sample-routes.js';

/** HTTP adapter of the affiliate module (精选联盟): merchants, creators, colonels and MCNs. */
export function affiliateRoutes(app: App, deps: RouteDeps): void {
  affiliateMerchantRoutes(app, deps);
  affiliateCreatorRoutes(app, deps);
  affiliatePartnerRoutes(app, deps);
  affiliateSampleRoutes(app, deps);
}
