import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/0001_foundation.js';
import * as content from './migrations/0002_content.js';
import * as events from './migrations/0003_events.js';
import * as search from './migrations/0004_search.js';
import * as ledger from './migrations/0005_ledger.js';
import * as rulesTimers from './migrations/0006_rules_timers.js';
import * as logistics from './migrations/0007_logistics.js';
import * as capacity from './migrations/0008_capacity.js';
import * as aftersales from './migrations/0009_aftersales.js';
import * as supply from './migrations/0010_supply.js';
import * as affiliate from './migrations/0011_affiliate.js';
import * as live from './migrations/0012_live.js';
import * as affiliateSamples from './migrations/0013_affiliate_samples.js';
import * as trafficPool from './migrations/0014_traffic_pool.js';
import * as liveCouponUse from './migrations/0015_live_coupon_use.js';
import * as favourites from './migrations/0016_favourites.js';
import * as buyerCompensation from './migrations/0017_buyer_compensation.js';
import * as agreeingFigures from './migrations/0018_agreeing_figures.js';
import * as searchPinyin from './migrations/0019_search_pinyin.js';
import * as reasonCodes from './migrations/0021_reason_codes.js';
import * as governance from './migrations/0023_governance.js';
import * as reviews from './migrations/0024_reviews.js';
import * as reviewQueue from './migrations/0025_review_queue.js';
import * as violations from './migrations/0026_violations.js';
import * as experienceScore from './migrations/0027_experience_score.js';
import * as customerService from './migrations/0028_customer_service.js';
import * as openPlatform from './migrations/0030_open_platform.js';
import * as paidTraffic from './migrations/0031_paid_traffic.js';
import * as analytics from './migrations/0029_analytics.js';
import * as shipmentEdits from './migrations/0033_shipment_edits.js';
import * as modelVersions from './migrations/0032_model_versions.js';
import * as compassAudience from './migrations/0034_compass_audience.js';
import * as adsLiveAudiences from './migrations/0035_ads_live_audiences.js';
import * as adOwners from './migrations/0036_ad_owners.js';
import * as compassDaily from './migrations/0037_compass_daily.js';
import * as modelArtefacts from './migrations/0040_model_artefacts.js';
import * as compassPeopleSeen from './migrations/0041_compass_people_seen.js';
import * as analyticsStream from './migrations/0042_analytics_stream.js';
import * as compassPeopleGaps from './migrations/0043_compass_people_gaps.js';
import * as adReviewDevices from './migrations/0047_ad_review_devices.js';
import * as compassPeopleByDay from './migrations/0053_compass_people_by_day.js';

/** The one migration set, for both dialects, in order. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_content': content,
  '0003_events': events,
  '0004_search': search,
  '0005_ledger': ledger,
  '0006_rules_timers': rulesTimers,
  '0007_logistics': logistics,
  '0008_capacity': capacity,
  '0009_aftersales': aftersales,
  '0010_supply': supply,
  '0011_affiliate': affiliate,
  '0012_live': live,
  '0013_affiliate_samples': affiliateSamples,
  '0014_traffic_pool': trafficPool,
  '0015_live_coupon_use': liveCouponUse,
  '0016_favourites': favourites,
  '0017_buyer_compensation': buyerCompensation,
  '0018_agreeing_figures': agreeingFigures,
  '0019_search_pinyin': searchPinyin,
  '0021_reason_codes': reasonCodes,
  '0023_governance': governance,
  '0024_reviews': reviews,
  '0025_review_queue': reviewQueue,
  '0026_violations': violations,
  '0027_experience_score': experienceScore,
  '0028_customer_service': customerService,
  '0030_open_platform': openPlatform,
  '0031_paid_traffic': paidTraffic,
  '0029_analytics': analytics,
  '0032_model_versions': modelVersions,
  '0033_shipment_edits': shipmentEdits,
  '0034_compass_audience': compassAudience,
  '0035_ads_live_audiences': adsLiveAudiences,
  '0036_ad_owners': adOwners,
  '0037_compass_daily': compassDaily,
  '0040_model_artefacts': modelArtefacts,
  '0041_compass_people_seen': compassPeopleSeen,
  '0042_analytics_stream': analyticsStream,
  '0043_compass_people_gaps': compassPeopleGaps,
  '0047_ad_review_devices': adReviewDevices,
  '0053_compass_people_by_day': compassPeopleByDay,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrationReport {
  applied: string[];
}

/** Brings the schema up to date; safe to run on every start. */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<MigrationReport> {
  // On PostgreSQL, name the schema of the migration tables: otherwise Kysely looks for them in
  // every schema and is fooled by another schema's tables in the same database.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
