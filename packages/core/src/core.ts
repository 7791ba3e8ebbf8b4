/** Assembles the core: storage, migrations, clock, payment providers, outbox and the background worker. */
import type { CoreContext } from './context.js';
import { systemClock, type Clock, installationSecret, housekeeping } from './platform/index.js';
import { openStorage, type Storage, type StorageOptions, migrateToLatest } from './storage/index.js';
import {
  providerRegistry,
  SandboxGateway,
  sandboxStatement,
  SandboxPayoutProvider,
  SandboxProvider,
  submitPendingRefunds,
  submitPendingCompensations,
} from './payments/index.js';
import { submitPayouts, reconcileDaily, settleDueOrders, moneyProviders } from './ledger/index.js';
import { runDueTimers, TimerRegistry } from './timers/index.js';
import { registerOrderDeadlines } from './orders/index.js';
import { registerAftersalesDeadlines, purgeUnusedEvidence, takeUnusedEvidence } from './aftersales/index.js';
import { OutboxDispatcher } from './outbox/index.js';
import type { PaymentProvider } from './payments/index.js';
import type { PayoutProvider, ProviderStatementSource } from './ledger/index.js';
import type { Carrier } from './logistics/index.js';
import type { CommentModerator } from './live/index.js';
import { purgeUnusedReviewPhotos } from './reviews/index.js';
import { purgeUnusedChatImages } from './service/index.js';
import { purgeUnattachedPhotos } from './supply/index.js';
import { installLogistics } from './logistics/index.js';
import { subscribeRecommendOutbox, runningRecommendService, stopRecommendService } from './recommend/index.js';
import { registerLiveDeadlines, liveRuntime } from './live/index.js';
import { installModeration, reviewWindowFromEnv } from './moderation/index.js';
import {
  registerAppealEvidence,
  registerViolationTimers,
  subscribeViolationsOutbox,
  syncFeedThrottle,
} from './violations/index.js';
import { refreshAdAudiences, subscribeAdsOutbox } from './ads/index.js';
import { scoreShopsDaily, syncExperienceMultipliers } from './experience/index.js';
import { deliverPending, installPush, httpPost, type PushPost } from './openplatform/index.js';
import { runRollups, SqlRollupStore, useRollupThread } from './analytics/index.js';
import { runtimeOf, type Runtime } from './platform/index.js';

const HOUSEKEEPING_EVERY_MS = 60_000;
/** How often the live rooms' activity (viewers, entries, comments) is written to 罗盘's minutes. */
const LIVE_MINUTES_EVERY_MS = 5_000;

/** What a strategy is built from: the store, the clock, and the public base URL providers call back to. */
export interface StrategyEnv {
  db: CoreContext['db'];
  clock: Clock;
  baseUrl(): string;
}

/**
 * What a deployment plugs into the core without editing it (as Vendure's config takes strategies):
 * payment and payout providers, provider statements for the daily reconciliation, express carriers
 * and the live rooms' comment moderator. The sandbox cashier, payout provider and carrier are always
 * there (the demo and the tests use them); the providers given here come first, so the first one
 * given is the default cashier. Names must be unique.
 */
export interface CoreStrategies {
  paymentProviders?: (env: StrategyEnv) => PaymentProvider[];
  payoutProviders?: (env: StrategyEnv) => PayoutProvider[];
  statementSources?: (env: StrategyEnv) => ProviderStatementSource[];
  carriers?: (env: StrategyEnv) => Carrier[];
  /** Replaces the rule book's moderator of live comments (e.g. a moderation service's client). */
  commentModerator?: (ctx: CoreContext) => CommentModerator;
}

export interface CoreOptions extends StorageOptions {
  /** Providers, carriers and the moderator a deployment adds (see CoreStrategies). */
  strategies?: CoreStrategies;
  clock?: Clock;
  /** Base URL the payment providers call back to; set by the server once it listens. */
  baseUrl?: string;
  payWindowMs?: number;
  /** Replaces the sandbox gateway's HTTP sender (tests deliver notifications in-process). */
  sandboxPost?: (url: string, body: string, headers: Record<string, string>) => Promise<number>;
  migrate?: boolean;
  /** How long a review item may wait before it is flagged overdue (default: REVIEW_WINDOW_HOURS, else 24 h). */
  reviewWindowMs?: number;
  /** Replaces the open platform's push sender (tests deliver in-process). */
  openPush?: PushPost;
  /** The 罗盘's window consumer on a thread of its own (embedded SQLite; the server turns it on). */
  rollupsThread?: boolean;
}

export interface Core {
  ctx: CoreContext;
  storage: Storage;
  sandbox: SandboxGateway;
  sandboxSecret: string;
  outbox: OutboxDispatcher;
  /** Handlers of the durable timers by kind; later modules register theirs (e.g. after-sales response deadlines). */
  timers: TimerRegistry;
  /** The express carriers by name: the sandbox's and the strategies'. */
  carriers: ReadonlyMap<string, Carrier>;
  /** What this process holds for the store (engine, live desks, caches…), disposed on close. */
  runtime: Runtime<CoreContext['db']>;
  /** How long a review item may wait before it is flagged overdue. */
  reviewWindowMs: number;
  setBaseUrl(url: string): void;
  /** One round of background work: fire due timers (unpaid orders, ship-by, auto-confirm…), send refunds and gateway notifications, dispatch events. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PAY_WINDOW_MS = 15 * 60 * 1000;

export async function openCore(options: CoreOptions): Promise<Core> {
  const storage = openStorage(options);
  try {
    return await assembleCore(storage, options);
  } catch (err) {
    // a start refused after the store opened (a bad strategy, a failed migration) leaves no handle or worker thread behind
    await runtimeOf(storage.db)
      .dispose()
      .catch(() => undefined);
    await storage.close().catch(() => undefined);
    throw err;
  }
}

async function assembleCore(storage: Storage, options: CoreOptions): Promise<Core> {
  if (options.migrate !== false) await migrateToLatest(storage.db, storage.schema);
  const clock = options.clock ?? systemClock;
  const sandboxSecret = process.env.SANDBOX_PAY_SECRET || (await installationSecret(storage.db, 'sandbox_pay_secret'));
  let baseUrl = options.baseUrl ?? 'http://127.0.0.1:3000';
  const sandbox = new SandboxGateway(storage.db, sandboxSecret, () => clock.now(), options.sandboxPost);
  const strategies = options.strategies ?? {};
  const env: StrategyEnv = { db: storage.db, clock, baseUrl: () => baseUrl };
  const money = moneyProviders(
    [
      ...(strategies.payoutProviders?.(env) ?? []),
      new SandboxPayoutProvider(storage.db, sandbox, sandboxSecret, () => clock.now()),
    ],
    [
      ...(strategies.statementSources?.(env) ?? []),
      { name: 'sandbox', statement: (until) => sandboxStatement(storage.db, until) },
    ],
  );
  const payments = providerRegistry(
    [...(strategies.paymentProviders?.(env) ?? []), new SandboxProvider(sandbox, sandboxSecret, () => clock.now())],
    () => baseUrl,
    money,
  );
  const ctx: CoreContext = {
    db: storage.db,
    dialect: storage.dialect,
    clock,
    dataDir: options.dataDir,
    payments,
    payWindowMs: options.payWindowMs ?? DEFAULT_PAY_WINDOW_MS,
  };
  const outbox = new OutboxDispatcher(storage.db, () => clock.now());
  subscribeRecommendOutbox(outbox, ctx); // purchases, refunds and new videos reach the interest engine
  subscribeViolationsOutbox(outbox, ctx); // a video an admin takes down is a violation of its owner
  subscribeAdsOutbox(outbox, ctx); // paid orders are attributed to the ads their buyers clicked or saw
  const timers = registerAftersalesDeadlines(registerOrderDeadlines(new TimerRegistry()));
  registerLiveDeadlines(timers, ctx);
  registerViolationTimers(timers); // penalties end on their timers
  registerAppealEvidence(ctx, takeUnusedEvidence); // appeals keep photos taken from after-sales' unused evidence uploads
  const carriers = installLogistics({ ctx, timers, sandboxSecret }, strategies.carriers?.(env) ?? []); // carriers' timers run in any process that ticks
  if (strategies.commentModerator) liveRuntime(ctx).moderator = strategies.commentModerator(ctx);
  const reviewWindowMs = options.reviewWindowMs ?? reviewWindowFromEnv();
  installModeration({ ctx, outbox, timers, reviewWindowMs }); // held videos reach the review queue; review deadlines fire
  installPush({ ctx, outbox, timers }); // order and after-sales events reach the apps that subscribed (开放平台 message push)
  const openPush = options.openPush ?? httpPost;
  if (options.rollupsThread) useRollupThread(ctx); // SQLite only: elsewhere the rounds consume in process
  let lastHousekeeping = 0;
  let lastLiveMinutes = 0;
  return {
    ctx,
    storage,
    sandbox,
    sandboxSecret,
    outbox,
    timers,
    carriers,
    runtime: runtimeOf(storage.db),
    reviewWindowMs,
    setBaseUrl(url) {
      baseUrl = url;
    },
    async tick() {
      await runDueTimers(ctx, timers, { limit: 5_000 });
      await submitPendingRefunds(ctx);
      await submitPendingCompensations(ctx);
      await settleDueOrders(ctx);
      await submitPayouts(ctx);
      await sandbox.deliverDue();
      await outbox.dispatchOnce();
      await deliverPending(ctx, openPush);
      // 罗盘: what committed since the last round reaches its rollups (on their own thread when asked; scaled mode: the stream's consumer does it instead)
      await runRollups(ctx);
      if (clock.now() - lastLiveMinutes >= LIVE_MINUTES_EVERY_MS) {
        lastLiveMinutes = clock.now();
        await new SqlRollupStore(storage.db).addLiveActivity(liveRuntime(ctx).takeActivity(clock.now())); // 罗盘: the live rooms' viewers and comments by minute
      }
      await syncFeedThrottle(ctx, runningRecommendService(ctx)); // penalties' traffic throttles reach the running engine
      await syncExperienceMultipliers(ctx, runningRecommendService(ctx)); // the experience score's boost or cut, likewise
      await refreshAdAudiences(ctx, runningRecommendService(ctx)); // "people like my buyers" audiences that are due (hourly per campaign)
      if (clock.now() - lastHousekeeping >= HOUSEKEEPING_EVERY_MS) {
        lastHousekeeping = clock.now();
        await housekeeping(storage.db, clock.now());
        await purgeUnusedEvidence(ctx, clock.now());
        await purgeUnusedReviewPhotos(ctx, clock.now());
        await purgeUnusedChatImages(ctx, clock.now());
        await purgeUnattachedPhotos(ctx, clock.now());
        await reconcileDaily(ctx);
        await scoreShopsDaily(ctx); // the experience score, once per Asia/Shanghai day
      }
    },
    async close() {
      await stopRecommendService(ctx);
      await runtimeOf(storage.db).dispose();
      await storage.close();
    },
  };
}
