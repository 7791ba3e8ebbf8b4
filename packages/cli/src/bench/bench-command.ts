/** Dispatches `zhongcao bench <name>`; each benchmark prints one JSON line of figures on stdout (progress and a summary go to stderr). */
import { benchCheckout, TARGET_ORDERS_PER_S, type CheckoutResult } from './checkout-bench.js';
import { benchOversell, type OversellResult } from './oversell-bench.js';
import { benchFeed, TARGET_FEED_P99_MS, TARGET_PAGES_PER_S, type FeedResult } from './feed-bench.js';
import { benchEvents, EVENTS_SECONDS, TARGET_EVENTS_PER_S, type EventsResult } from './events-bench.js';
import { benchLedger, ledgerSummary, type LedgerResult } from './ledger-bench.js';
import { benchTimers, timersSummary, type TimersResult } from './timers-bench.js';
import { benchRecsysFeed, recsysFeedSummary, type RecsysFeedResult } from './recsys-feed-bench.js';
import { benchRecsysHeads, recsysHeadsSummary, type RecsysHeadsResult } from './recsys-heads-bench.js';
import { benchRecsysFreshness, recsysFreshnessSummary, type RecsysFreshnessResult } from './recsys-freshness-bench.js';
import { benchFlashSale, flashSaleSummary, type FlashSaleResult } from './flash-sale-bench.js';
import { benchLiveFanout, liveFanoutSummary, type LiveFanoutResult } from './live-fanout-bench.js';
import { benchModeration, moderationSummary, type ModerationResult } from './moderation-bench.js';
import { benchChat, chatSummary, type ChatResult } from './chat-bench.js';
import { benchOpenApi, openApiSummary, type OpenApiResult } from './open-api-bench.js';
import { analyticsSummary, benchAnalytics, type AnalyticsResult } from './analytics-bench.js';
import { cleanUpOnSignals, log } from './resources.js';
import { LAYOUT_CHOICES, layoutsOf, setLayout, type Layout, type LayoutChoice } from './layout.js';
import { serverProcesses } from './server-child.js';

const NAMES = [
  'checkout',
  'oversell',
  'feed',
  'events',
  'ledger',
  'timers',
  'recsys-feed',
  'recsys-freshness',
  'recsys-heads',
  'flash-sale',
  'live-fanout',
  'moderation',
  'chat',
  'open-api',
  'analytics',
  'all',
] as const;

const DEFAULT_SECONDS = 20;

export async function runBenchCommand(
  name: string | undefined,
  opts: {
    json: boolean;
    seconds?: string | undefined;
    videos?: string | undefined;
    people?: string | undefined;
    rate?: string | undefined;
    conversations?: string | undefined;
    shops?: string | undefined;
    events?: string | undefined;
    orders?: string | undefined;
    days?: string | undefined;
    layout?: string | undefined;
  },
): Promise<number> {
  if (!NAMES.includes(name as (typeof NAMES)[number])) {
    console.error(
      `unknown benchmark: ${name ?? '(none)'}; try checkout, oversell, feed, events, ledger, timers, recsys-feed, recsys-freshness, recsys-heads, flash-sale, live-fanout, moderation, chat, open-api, analytics or all`,
    );
    return 2;
  }
  const seconds = opts.seconds === undefined ? DEFAULT_SECONDS : Number(opts.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    console.error(`--seconds must be a number of seconds (0–3600], got ${opts.seconds}`);
    return 2;
  }
  // --videos and --people size the recsys stores (quick runs); their defaults are the benchmarks' own.
  const sizes = {
    videos: opts.videos === undefined ? undefined : Number(opts.videos),
    people: opts.people === undefined ? undefined : Number(opts.people),
  };
  if (Object.values(sizes).some((n) => n !== undefined && !(Number.isInteger(n) && n >= 100 && n <= 1_000_000))) {
    console.error('--videos and --people take a whole number from 100 to 1000000');
    return 2;
  }
  const analyticsSizes = {
    events: opts.events === undefined ? undefined : Number(opts.events),
    orders: opts.orders === undefined ? undefined : Number(opts.orders),
    days: opts.days === undefined ? undefined : Number(opts.days),
  };
  if (
    Object.values(analyticsSizes).some(
      (n) => n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 100_000_000),
    ) ||
    (analyticsSizes.days ?? 1) > 365
  ) {
    console.error('--events and --orders take a whole number from 1 to 100000000, --days from 1 to 365');
    return 2;
  }
  const layoutChoice = (opts.layout ?? 'embedded') as LayoutChoice;
  if (!LAYOUT_CHOICES.includes(layoutChoice)) {
    console.error(`--layout takes ${LAYOUT_CHOICES.join(', ')}, got ${opts.layout}`);
    return 2;
  }
  // --json is accepted for scripts; the JSON line is always what goes to stdout.
  cleanUpOnSignals();
  // Each benchmark runs in each layout asked for, one after the other; with --layout both its two
  // results go out as one line ({ bench, embedded, cluster }).
  const layouts = layoutsOf(layoutChoice);
  const byLayout = new Map<Layout, Result[]>();
  try {
    for (const l of layouts) {
      setLayout(l);
      log(`layout: ${l}`);
      const results: Result[] = [];
      const code = await runNamed(name!, opts, { seconds, sizes, analyticsSizes }, (r) => {
        const tagged = { ...r, layout: l, server_processes: serverProcesses() };
        results.push(tagged);
        if (layouts.length === 1) process.stdout.write(`${JSON.stringify(tagged)}\n`);
        process.stderr.write(
          `[${l}, ${tagged.server_processes} server process${tagged.server_processes === 1 ? '' : 'es'}] ${summary(tagged)}\n`,
        );
      });
      if (code !== 0) return code;
      byLayout.set(l, results);
    }
    if (layouts.length > 1) {
      const [embedded, cluster] = [byLayout.get('embedded') ?? [], byLayout.get('cluster') ?? []];
      embedded.forEach((e, i) =>
        process.stdout.write(`${JSON.stringify({ bench: e.bench, embedded: e, cluster: cluster[i] ?? null })}\n`),
      );
    }
    return 0;
  } catch (err) {
    log(`the benchmark could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  } finally {
    setLayout('embedded');
  }
}

interface Sizes {
  seconds: number;
  sizes: { videos: number | undefined; people: number | undefined };
  analyticsSizes: { events: number | undefined; orders: number | undefined; days: number | undefined };
}

/** Runs the named benchmark (or all) in the current layout, handing each result to `emit`. */
async function runNamed(
  name: string,
  opts: Parameters<typeof runBenchCommand>[1],
  { seconds, sizes, analyticsSizes }: Sizes,
  emit: (r: Result) => void,
): Promise<number> {
  if (name === 'checkout' || name === 'all') emit(await benchCheckout(seconds));
  if (name === 'oversell' || name === 'all') emit(await benchOversell());
  if (name === 'feed' || name === 'all') emit(await benchFeed(seconds));
  // Events run 10 s unless --seconds is given.
  if (name === 'events' || name === 'all')
    emit(await benchEvents(opts.seconds === undefined ? EVENTS_SECONDS : seconds));
  if (name === 'ledger' || name === 'all') emit(await benchLedger());
  if (name === 'timers' || name === 'all') emit(await benchTimers());
  if (name === 'recsys-feed' || name === 'all') emit(await benchRecsysFeed({ seconds, ...sizes }));
  if (name === 'recsys-freshness' || name === 'all') emit(await benchRecsysFreshness(sizes));
  if (name === 'recsys-heads' || name === 'all') emit(await benchRecsysHeads(sizes));
  // flash-sale: 50,000 buyers for 10,000 units unless --people N (then N buyers for N/5 units).
  if (name === 'flash-sale' || name === 'all')
    emit(
      await benchFlashSale(
        sizes.people === undefined ? {} : { buyers: sizes.people, quantity: Math.floor(sizes.people / 5) },
      ),
    );
  // live-fanout measures 10 s unless --seconds is given.
  if (name === 'live-fanout' || name === 'all')
    emit(await benchLiveFanout({ seconds: opts.seconds === undefined ? 10 : seconds }));
  // moderation measures 5 s unless --seconds is given.
  if (name === 'moderation' || name === 'all')
    emit(await benchModeration({ seconds: opts.seconds === undefined ? 5 : seconds }));
  // chat: --people buyers (5000), --rate msg/s (500), --conversations (1000), --shops (50), 20 s unless --seconds.
  if (name === 'chat' || name === 'all') {
    const int = (v: string | undefined) => (v === undefined ? undefined : Number(v));
    const chat = {
      buyers: int(opts.people),
      msgsPerS: int(opts.rate),
      conversations: int(opts.conversations),
      shops: int(opts.shops),
      seconds,
    };
    if (
      [chat.buyers, chat.msgsPerS, chat.conversations, chat.shops].some(
        (n) => n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 1_000_000),
      )
    ) {
      console.error('--people, --rate, --conversations and --shops take a whole number from 1 to 1000000');
      return 2;
    }
    emit(await benchChat(chat));
  }
  // open-api measures 10 s unless --seconds is given.
  if (name === 'open-api' || name === 'all') emit(await benchOpenApi(opts.seconds === undefined ? 10 : seconds));
  // analytics measures the rollup lag for 10 s unless --seconds is given.
  if (name === 'analytics' || name === 'all')
    emit(await benchAnalytics({ ...analyticsSizes, lagSeconds: opts.seconds === undefined ? 10 : seconds }));
  return 0;
}

type Result =
  | CheckoutResult
  | OversellResult
  | FeedResult
  | EventsResult
  | LedgerResult
  | TimersResult
  | RecsysFeedResult
  | RecsysFreshnessResult
  | RecsysHeadsResult
  | FlashSaleResult
  | LiveFanoutResult
  | ModerationResult
  | ChatResult
  | OpenApiResult
  | AnalyticsResult;

function summary(r: Result): string {
  if (r.bench === 'ledger') return ledgerSummary(r);
  if (r.bench === 'timers') return timersSummary(r);
  if (r.bench === 'recsys-feed') return recsysFeedSummary(r);
  if (r.bench === 'recsys-freshness') return recsysFreshnessSummary(r);
  if (r.bench === 'recsys-heads') return recsysHeadsSummary(r);
  if (r.bench === 'flash-sale') return flashSaleSummary(r);
  if (r.bench === 'live-fanout') return liveFanoutSummary(r);
  if (r.bench === 'moderation') return moderationSummary(r);
  if (r.bench === 'chat') return chatSummary(r);
  if (r.bench === 'open-api') return openApiSummary(r);
  if (r.bench === 'analytics') return analyticsSummary(r);
  if (r.bench === 'feed') {
    const verdict =
      r.pages_per_s >= TARGET_PAGES_PER_S && r.p99_ms <= TARGET_FEED_P99_MS && r.errors === 0 ? 'meets' : 'MISSES';
    return `feed (${r.dialect}): ${r.pages_per_s} pages/s over ${r.seconds} s with ${r.concurrency} clients on ${r.videos} videos (${r.videos_from}); p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms; ${r.errors} errors — ${verdict} the target of ≥ ${TARGET_PAGES_PER_S}/s, p99 ≤ ${TARGET_FEED_P99_MS} ms`;
  }
  if (r.bench === 'events') {
    const verdict = r.events_per_s >= TARGET_EVENTS_PER_S && r.errors === 0 ? 'meets' : 'MISSES';
    return `events (${r.dialect}): ${r.events_per_s} accepted events/s in batches of ${r.batch} over ${r.seconds} s with ${r.concurrency} clients; p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms; ${r.errors} errors — ${verdict} the target of ≥ ${TARGET_EVENTS_PER_S}/s`;
  }
  if (r.bench === 'checkout') {
    const verdict = r.orders_per_s >= TARGET_ORDERS_PER_S && r.errors === 0 ? 'meets' : 'MISSES';
    return `checkout (${r.dialect}): ${r.orders_per_s} complete checkouts/s over ${r.seconds} s with ${r.concurrency} workers; p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms; ${r.completed} completed, ${r.errors} errors; server CPU ${r.server_cpu_ms_per_order ?? '?'} ms and ${r.sql_statements_per_order ?? '?'} SQL statements per paid order; a bare server (one durable write per request) under the same load ${r.bare_server_orders_per_s}/s at ${r.bare_server_cpu_ms_per_order ?? '?'} ms CPU per order — ${verdict} the target of ≥ ${TARGET_ORDERS_PER_S}/s with 0 errors`;
  }
  const ok = r.paid_orders === r.initial_stock && r.final_stock === 0 && r.oversold === 0 && r.stock_never_negative;
  return `oversell (${r.dialect}): ${r.buyers} buyers for ${r.initial_stock} units → ${r.paid_orders} paid orders, final stock ${r.final_stock}, oversold ${r.oversold}, ${r.rejected_out_of_stock} rejected OUT_OF_STOCK, ${r.errors} errors in ${r.seconds} s; stock never negative: ${r.stock_never_negative} — ${ok ? 'OK' : 'FAILED'}`;
}
