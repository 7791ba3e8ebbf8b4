/**
 * `zhongcao simulate`: synthetic shoppers with hidden interests use the platform through its
 * HTTP API and the learning curve of each half (personalisation on / off) is printed. With
 * --url it drives a running server; otherwise it starts the platform in this process on a
 * temporary store loaded with the demo data set (rate limits off, so sign-up is not throttled).
 */
import { parseArgs } from 'node:util';
import { AD_PRIOR_SOURCES, DEFAULT_AD_PRIOR, seedDemo, type AdPriorSource } from '@zhongcao/core';
import { startPlatform } from '@zhongcao/server';
import { cleanUpOnSignals, freshStore, Scope } from '../bench/resources.js';
import { progressPrinter } from '../progress.js';
import { curveTable } from './curve.js';
import { runSimulation, type SimulationReport } from './simulation.js';
import { runAdsSimulation, type AdsSimulationReport } from './ads-simulation.js';
import { summariseSeeds } from './ads-seeds.js';
import { summariseSimulationSeeds, type SimulationSeedsReport, type Spread } from './simulate-seeds.js';

export const SIMULATE_USAGE = `zhongcao simulate [--url URL] [--users N] [--steps N | --minutes M] [--rate R] [--seed N] [--seeds N] [--bucket N] [--warmup N] [--videos N] [--json]
  --url      a running platform (default: start one here on a temporary store with the demo data)
  --users    simulated shoppers, half with personalisation on (default 20)
  --steps    impressions per shopper (default 200; unlimited when only --minutes is given)
  --minutes  stop scrolling after this long
  --rate     at most this many requests per second over all shoppers (default: no limit)
  --seed     seed of the hidden-interest model (default 1)
  --bucket   impressions per shopper in one row of the curve (default steps/10, at least 10)
  --warmup   impressions per shopper left out of the after-warm-up figures (default one bucket)
  --videos   demo videos to seed when starting the platform here (default 2000: enough that a
             personalised feed can keep finding a shopper's kind of video without repeating one)
  --seeds    run seeds S..S+N-1 (S from --seed), each on a platform started here for it, and print
             per half each seed's last-bucket ratios, their mean and spread, and the curve pooled
             over the seeds (not with --url: one platform would carry what it learnt to the next seed)

zhongcao simulate --ads [--requests N] [--users N] [--seed N | --seeds N] [--ad-prior heads|pool] [--organic-pages N] [--ad-personal [--ad-item-heads]]
  one day of paid traffic through the core on a temporary store: five campaigns (three even-paced
  ones alike but for how much the shoppers like the product, two fast) compete for the feed's ad
  slots; prints each campaign's budget use, the share of its spend before noon, its ROI, what
  limited it (budget, pacing or bid), the ad load and the organic completion delta, as JSON
  --requests feed pages over the day (default 4000); --users viewers (default 600)
  --seeds    run seeds 1..N, each on its own store, and print per campaign the mean, least and
             most budget use and the ROI pooled over the seeds
  --ad-prior where a campaign's prior rates come from: its creative's heads in the interest engine,
             calibrated on the running campaigns (heads, the default), or the pool of all campaigns
  --organic-pages  organic pages the engine serves the day before, with add-to-carts following
             how much shoppers like each product: what the engine's heads learn from (default 0)
  --ad-personal the ad day's viewers have personalisation on: the engine serves their pages and the
             auction runs on each viewer's own heads (default off: the item-level heads);
             --ad-item-heads keeps the item-level heads for them (the comparison)`;

const DEMO_VIDEOS = 2_000;

export interface SimulateIo {
  out: (text: string) => void;
  err: (text: string) => void;
  progress: (stage: string, done: number, total: number) => void;
}

const defaultIo: SimulateIo = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  progress: progressPrinter('simulate'),
};

class UsageError extends Error {}

function whole(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, got ${text}`);
  return n;
}

function positive(name: string, text: string | undefined, max: number): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > max)
    throw new UsageError(`--${name} takes a number above 0 and up to ${max}, got ${text}`);
  return n;
}

export async function runSimulateCommand(args: string[], io: SimulateIo = defaultIo): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        url: { type: 'string' },
        users: { type: 'string' },
        steps: { type: 'string' },
        minutes: { type: 'string' },
        rate: { type: 'string' },
        seed: { type: 'string' },
        bucket: { type: 'string' },
        warmup: { type: 'string' },
        videos: { type: 'string' },
        json: { type: 'boolean' },
        ads: { type: 'boolean' },
        requests: { type: 'string' },
        seeds: { type: 'string' },
        'ad-prior': { type: 'string' },
        'organic-pages': { type: 'string' },
        'ad-personal': { type: 'boolean' },
        'ad-item-heads': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n\n${SIMULATE_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.out(`${SIMULATE_USAGE}\n`);
    return 0;
  }
  if (values.ads) {
    let requests: number;
    let viewers: number;
    let seed: number;
    let seeds: number | null;
    let prior: AdPriorSource;
    let organicPages: number;
    try {
      const p = values['ad-prior'] ?? DEFAULT_AD_PRIOR;
      if (!(AD_PRIOR_SOURCES as readonly string[]).includes(p))
        throw new UsageError(`--ad-prior is ${AD_PRIOR_SOURCES.join(' or ')}`);
      prior = p as AdPriorSource;
      organicPages = whole('organic-pages', values['organic-pages'], 0, 0, 1_000_000);
      requests = whole('requests', values.requests, 4000, 48, 1_000_000);
      viewers = whole('users', values.users, 600, 2, 100_000);
      seed = whole('seed', values.seed, 1, 0, 2 ** 32 - 1);
      seeds = values.seeds === undefined ? null : whole('seeds', values.seeds, 1, 1, 100);
      if (seeds !== null && values.seed !== undefined) throw new UsageError('--seed and --seeds do not go together');
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      io.err(`${err.message}\n\n${SIMULATE_USAGE}\n`);
      return 2;
    }
    cleanUpOnSignals();
    const oneDay = async (s: number): Promise<AdsSimulationReport> => {
      const scope = new Scope();
      try {
        const store = await freshStore(scope);
        return await runAdsSimulation({
          dataDir: store.dataDir,
          databaseUrl: store.databaseUrl,
          seed: s,
          requests,
          viewers,
          prior,
          organicPages,
          personalised: values['ad-personal'] === true,
          itemHeadsOnly: values['ad-item-heads'] === true,
          log: (m) => io.err(`[simulate] ${m}\n`),
        });
      } finally {
        await scope.close();
      }
    };
    if (seeds === null) {
      const report = await oneDay(seed);
      io.out(`${JSON.stringify(report, null, values.json ? undefined : 2)}\n`);
      return report.ads > 0 ? 0 : 1;
    }
    const runs: Array<{ seed: number; report: AdsSimulationReport }> = [];
    for (let s = 1; s <= seeds; s++) {
      io.err(`[simulate] seed ${s} of ${seeds}\n`);
      runs.push({ seed: s, report: await oneDay(s) });
    }
    io.out(`${JSON.stringify(summariseSeeds(runs), null, values.json ? undefined : 2)}\n`);
    return runs.every((r) => r.report.ads > 0) ? 0 : 1;
  }
  let opts;
  try {
    const minutes = positive('minutes', values.minutes, 24 * 60);
    const steps =
      values.steps === undefined && minutes !== null ? Infinity : whole('steps', values.steps, 200, 1, 1_000_000);
    const bucket = whole(
      'bucket',
      values.bucket,
      Number.isFinite(steps) ? Math.max(10, Math.round(steps / 10)) : 50,
      1,
      1_000_000,
    );
    opts = {
      url: values.url === undefined ? null : checkUrl(values.url),
      users: whole('users', values.users, 20, 2, 100_000),
      steps,
      minutes,
      rate: positive('rate', values.rate, 1_000_000) ?? 0,
      seed: whole('seed', values.seed, 1, 0, 2 ** 32 - 1),
      bucket,
      warmup: whole('warmup', values.warmup, bucket, 0, 1_000_000),
      videos: whole('videos', values.videos, DEMO_VIDEOS, 10, 1_000_000),
      seeds: values.seeds === undefined ? null : whole('seeds', values.seeds, 1, 1, 100),
    };
    if (opts.seeds !== null && opts.url !== null)
      throw new UsageError('--seeds starts a platform per seed; it does not go with --url');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`${err.message}\n\n${SIMULATE_USAGE}\n`);
    return 2;
  }
  const log = (msg: string): void => io.err(`[simulate] ${msg}\n`);
  // Ctrl-C stops the platform started here and removes its temporary store.
  cleanUpOnSignals();
  const oneRun = async (seed: number): Promise<SimulationReport> => {
    const scope = new Scope();
    try {
      const origin = opts.url ?? (await startHere(scope, opts.videos, io, log));
      log(`${opts.users} shoppers on ${opts.url ?? `a platform started here (${origin})`}, seed ${seed}`);
      return await runSimulation({ ...opts, seed, origin, progress: io.progress, log });
    } finally {
      await scope.close();
    }
  };
  try {
    if (opts.seeds === null) {
      const report = await oneRun(opts.seed);
      io.out(values.json ? `${JSON.stringify(report)}\n` : `${humanReport(report)}\n`);
      return report.impressions > 0 ? 0 : 1;
    }
    const runs: Array<{ seed: number; report: SimulationReport }> = [];
    for (let i = 0; i < opts.seeds; i++) {
      const seed = opts.seed + i;
      log(`seed ${seed} (${i + 1} of ${opts.seeds})`);
      runs.push({ seed, report: await oneRun(seed) });
    }
    const summary = summariseSimulationSeeds(runs, opts.videos);
    io.out(values.json ? `${JSON.stringify(summary)}\n` : `${humanSeedsReport(summary)}\n`);
    return runs.every((r) => r.report.impressions > 0) ? 0 : 1;
  } catch (err) {
    log(`the simulation could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}

function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be an http(s) URL, got ${text}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--url must be an http(s) URL, got ${text}`);
  return url.origin;
}

/** The whole platform in this process on a throw-away store, seeded with the demo data. */
async function startHere(scope: Scope, videos: number, io: SimulateIo, log: (m: string) => void): Promise<string> {
  const store = await freshStore(scope);
  log(`starting the platform on a temporary ${store.dialect} store and loading the demo data…`);
  const platform = await startPlatform({
    dataDir: store.dataDir,
    databaseUrl: store.databaseUrl,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'warn',
    rateLimits: false,
    beforeListen: async (core) =>
      void (await seedDemo(core, (stage, done, total) => io.progress(`seed ${stage}`, done, total), { videos })),
  });
  scope.defer('stop the platform', () => platform.stop());
  const address = platform.app.server.address();
  if (!address || typeof address !== 'object') throw new Error('the platform is not listening');
  return `http://127.0.0.1:${address.port}`;
}

function humanReport(r: SimulationReport): string {
  const on = r.after_warmup.personalised;
  const off = r.after_warmup.non_personalised;
  return [
    curveTable(r.bucket, r.curve.personalised, r.curve.non_personalised),
    '',
    `after the first ${r.warmup} impressions per shopper: personalised ${on.purchases_per_100} purchases/100 impressions, off ${off.purchases_per_100} — ratio ${r.after_warmup.purchase_ratio ?? 'n/a'}`,
    `last bucket over peak bucket (purchases/100): personalised ${r.last_bucket_ratio.personalised ?? 'n/a'}, off ${r.last_bucket_ratio.non_personalised ?? 'n/a'}`,
    `the same over the three-bucket smoothed curve: personalised ${r.last_bucket_ratio_smoothed.personalised ?? 'n/a'}, off ${r.last_bucket_ratio_smoothed.non_personalised ?? 'n/a'}`,
    `${r.users} shoppers, ${r.impressions} impressions, ${r.likes} likes, ${r.purchases} purchases in ${r.seconds} s; ${r.requests_per_s} requests/s, ${r.events_per_s} events/s; ${r.errors} errors`,
  ].join('\n');
}

function humanSeedsReport(r: SimulationSeedsReport): string {
  const fmt = (x: Spread | null): string => (x ? `${x.mean} ± ${x.sd} (${x.min}–${x.max}, ${x.n} seeds)` : 'n/a');
  const on = r.halves.personalised;
  const off = r.halves.non_personalised;
  return [
    `pooled over seeds ${r.seeds.join(', ')} (${r.videos} demo videos):`,
    curveTable(r.bucket, on.pooled.curve, off.pooled.curve),
    '',
    ...(['personalised', 'non_personalised'] as const).map((h) => {
      const x = r.halves[h];
      return [
        `${h === 'personalised' ? 'personalised' : 'not personalised'}:`,
        `  last bucket over peak bucket  ${fmt(x.last_bucket_ratio)}; pooled curve ${x.pooled.last_bucket_ratio ?? 'n/a'}`,
        `  smoothed (three buckets)      ${fmt(x.last_bucket_ratio_smoothed)}; pooled curve ${x.pooled.last_bucket_ratio_smoothed ?? 'n/a'}`,
        `  purchases/100 after the first ${r.warmup} impressions  ${fmt(x.purchases_per_100_after_warmup)}`,
      ].join('\n');
    }),
    `${r.users} shoppers per seed, ${r.impressions} impressions, ${r.purchases} purchases; ${r.errors} errors`,
  ].join('\n');
}
