#!/usr/bin/env node
/** The `zhongcao` command: start, migrate, seed, bench. */
import { parseArgs } from 'node:util';
import { DEMO_DOORS, DEMO_PASSWORD, demoAccountsWithPublicPassword, migrateToLatest, openCore, openStorage, seedDemo } from '@zhongcao/core';
import { startPlatform } from '@zhongcao/server';
import { commonConfig, exposedDemoWarning, isLoopbackHost, webDist } from './config.js';
import { progressPrinter } from './progress.js';
import { runBenchCommand } from './bench/bench-command.js';
import { runLedgerCommand } from './ledger-command.js';
import { runRecsysCommand } from './recsys-command.js';
import { runSimulateCommand } from './simulate/simulate-command.js';

const USAGE = `zhongcao — interest e-commerce platform

Usage:
  zhongcao start [--port N] [--host H] [--data DIR] [--no-demo]
                                                         migrate, seed demo data on first run, serve (127.0.0.1 unless --host)
  zhongcao migrate [--data DIR]                          bring the database schema up to date
  zhongcao seed --demo [--videos N] [--data DIR]         load the demo data set (once)
  zhongcao ledger check [--data DIR]                     verify every transaction balances and every balance equals its entries
  zhongcao bench <name|all> [--json]                     run a benchmark on a fresh temporary store: checkout, oversell,
                 feed, events, ledger, timers, recsys-feed, recsys-freshness, flash-sale, live-fanout, moderation
                 (recsys-feed and recsys-freshness take [--videos N] [--people N])
  zhongcao recsys retrain [--data DIR] [--no-wait] [--wait-s N]
                                                         retrain the running platform's interest engine now, with progress
  zhongcao recsys eval --dataset FILE [--json] [--seed N] [--users N] [--epochs N]
                                                         offline evaluation of the interest engine (leave-one-out)
  zhongcao simulate [--url URL] [--users N] [--steps N | --minutes M] [--rate R] [--seed N] [--json]
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
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (!command || values.help || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = commonConfig(values);
  switch (command) {
    case 'start': {
      const seedOnFirstRun = !values['no-demo'];
      const platform = await startPlatform({
        dataDir: config.dataDir,
        databaseUrl: config.databaseUrl,
        port: config.port,
        host: config.host,
        logLevel: config.logLevel,
        webDist: webDist(),
        beforeListen: async (core) => {
          if (!seedOnFirstRun) return;
          const users = await core.ctx.db.selectFrom('users').select('id').limit(1).execute();
          if (users.length === 0) {
            console.error('First run: loading the demo data set…');
            await seedDemo(core, progressPrinter('seed'));
          }
        },
      });
      console.log(`\n  种草 Zhongcao is running at ${platform.url}\n`);
      console.log(`  API reference: ${platform.url}/api/docs`);
      console.log(`  Storage: ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`}`);
      console.log(`  Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_DOORS.map((d) => `${d.role}=${d.login}`).join('  ')}\n`);
      if (!isLoopbackHost(config.host)) {
        const open = await demoAccountsWithPublicPassword(platform.core);
        if (open.length) console.error(exposedDemoWarning(config.host, open));
      }
      const shutdown = async (): Promise<void> => {
        await platform.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      return -1; // keep running
    }
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
    case 'bench':
      return runBenchCommand(positionals[0], { json: values.json === true, seconds: values.seconds, videos: values.videos, people: values.people });
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
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  },
);
