#!/usr/bin/env node
/** The `zhongcao` command: start, migrate, seed, bench. */
import { parseArgs } from 'node:util';
import { migrateToLatest, openCore, openStorage, seedDemo } from '@zhongcao/core';
import { commonConfig } from './config.js';
import { progressPrinter } from './progress.js';
import { runBenchCommand } from './bench/bench-command.js';
import { runLedgerCommand } from './ledger-command.js';
import { runAnalyticsCommand } from './analytics-command.js';
import { runRecsysCommand } from './recsys-command.js';
import { runSimulateCommand } from './simulate/simulate-command.js';
import { runClusterCommand } from './start/cluster-command.js';
import { keepSemiSpaceFlagToMainThread } from './server-node-flags.js';
import { runStartCommand } from './start/start-command.js';

const USAGE = `zhongcao — interest e-commerce platform

Usage:
  zhongcao start [--port N] [--host H] [--data DIR] [--no-demo] [--role api|worker|engine|all] [--workers N] [--replica I]
                                                         migrate, seed demo data on first run, serve (127.0.0.1 unless --host);
                                                         --role all (default) is everything in one process, api answers HTTP
                                                         without the background loop, worker runs the loop without HTTP,
                                                         engine is the interest engine as a service on NATS (replica I of
                                                         ENGINE_REPLICAS; --port serves its /readyz and /metrics);
                                                         --workers N runs N api processes on one port
  zhongcao cluster [--api N] [--engines N] [--port N] [--no-demo]
                                                         a local deployment: migrate and seed once, one worker-role process,
                                                         N api processes (2 by default) and, with NATS_URL, N engine replicas
                                                         (1 by default), restarted when they die
  zhongcao migrate [--data DIR]                          bring the database schema up to date
  zhongcao seed --demo [--videos N] [--data DIR]         load the demo data set (once)
  zhongcao ledger check [--data DIR]                     verify every transaction balances and every balance equals its entries
  zhongcao analytics rebuild [--from YYYY-MM-DD] [--data DIR]
                                                         recompute the 罗盘 rollups from the raw rows (from that day on)
  zhongcao bench <name|all> [--json] [--layout embedded|cluster|both]
                                                         run a benchmark on a fresh temporary store: checkout, oversell,
                 feed, events, ledger, timers, recsys-feed, recsys-freshness, recsys-heads, flash-sale, live-fanout,
                 moderation, chat, open-api, analytics
                 (recsys-feed and recsys-freshness take [--videos N] [--people N], recsys-heads [--videos N]),
                 chat ([--people N] buyers, [--rate N] msg/s, [--conversations N], [--shops N], [--seconds S]),
                 analytics ([--events N] [--orders N] [--days N]);
                 --layout cluster runs it against \`zhongcao cluster\` (two api processes and a worker) on a fresh
                 PostgreSQL database with Redis and NATS (BENCH_DATABASE_URL, REDIS_URL, NATS_URL; localhost by default),
                 --layout both reports both layouts in one line ({ bench, embedded, cluster })
  zhongcao recsys retrain [--data DIR] [--no-wait] [--wait-s N]
                                                         retrain the running platform's interest engine now, with progress
  zhongcao recsys eval --dataset FILE [--json] [--seed N] [--users N] [--epochs N]
                                                         offline evaluation of the interest engine (leave-one-out)
  zhongcao simulate [--url URL] [--users N] [--steps N | --minutes M] [--rate R] [--seed N] [--json]
  zhongcao simulate --ads [--requests N] [--users N] [--seed N]
                                                         synthetic shoppers through the HTTP API; learning curve, personalised vs not

Environment: PORT, ZHONGCAO_HOST (default 127.0.0.1), ZHONGCAO_DATA_DIR (default ./data), DATABASE_URL (PostgreSQL instead of SQLite),
LOG_LEVEL (info), PUBLIC_URL (base URL payment providers call back to), SANDBOX_PAY_SECRET.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // recsys parses its own options (--dataset, --seed, --users, --epochs).
  if (command === 'recsys') return runRecsysCommand(rest);
  if (command === 'simulate') return runSimulateCommand(rest);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      demo: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      json: { type: 'boolean' },
      seconds: { type: 'string' },
      videos: { type: 'string' },
      people: { type: 'string' },
      rate: { type: 'string' },
      conversations: { type: 'string' },
      shops: { type: 'string' },
      role: { type: 'string' },
      workers: { type: 'string' },
      replica: { type: 'string' },
      engines: { type: 'string' },
      api: { type: 'string' },
      from: { type: 'string' },
      events: { type: 'string' },
      orders: { type: 'string' },
      days: { type: 'string' },
      layout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (!command || values.help || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = commonConfig(values);
  keepSemiSpaceFlagToMainThread();
  switch (command) {
    case 'start':
      return runStartCommand(
        { role: values.role, workers: values.workers, replica: values.replica, seed: !values['no-demo'] },
        config,
      );
    case 'cluster':
      return runClusterCommand({ api: values.api, engines: values.engines, seed: !values['no-demo'] }, config);
    case 'migrate': {
      const storage = openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      const report = await migrateToLatest(storage.db);
      await storage.close();
      console.log(report.applied.length ? `applied: ${report.applied.join(', ')}` : 'schema is up to date');
      return 0;
    }
    case 'seed': {
      if (!values.demo) {
        console.error('say what to seed: zhongcao seed --demo');
        return 2;
      }
      const core = await openCore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      const videos = values.videos === undefined ? undefined : Number(values.videos);
      if (videos !== undefined && (!Number.isInteger(videos) || videos < 0 || videos > 1_000_000)) {
        console.error('--videos takes a whole number up to 1000000');
        return 2;
      }
      const seeded = await seedDemo(core, progressPrinter('seed'), { videos });
      await core.close();
      console.log(seeded ? 'demo data loaded' : 'demo data was already loaded');
      return 0;
    }
    case 'ledger':
      return runLedgerCommand(positionals, config);
    case 'analytics':
      return runAnalyticsCommand(positionals, config, values.from);
    case 'bench':
      return runBenchCommand(positionals[0], {
        json: values.json === true,
        seconds: values.seconds,
        videos: values.videos,
        people: values.people,
        rate: values.rate,
        conversations: values.conversations,
        shops: values.shops,
        events: values.events,
        orders: values.orders,
        days: values.days,
        layout: values.layout,
      });
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
