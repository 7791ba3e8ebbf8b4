#!/usr/bin/env node
// Runs the suites of the packages that open a store (core, server, cli) against PostgreSQL. The
// recommender (packages/recsys) and the web app (packages/web) never open a store — their tests
// would only repeat the SQLite run's — so they run in `npm test` only.
// Extra arguments (test files or folders) replace the default folders.
//
// Which server:
// - TEST_DATABASE_URL (or DATABASE_URL) names one: that server, each test in a fresh schema of the
//   named database (as on the shared server; the harness replays the migrations into it).
// - Otherwise, when the PostgreSQL server binaries are installed, a private server of the run's own
//   (private-postgres.mjs: a free port, fsync off, removed at the end), where each test's store is a
//   database cloned from one migrated template (TEST_PG_CLONE=1, see test-support/pg-clone.ts).
// - Otherwise the local server, postgres://postgres@127.0.0.1:5432/test.
// TEST_PG_PRIVATE=1 insists on the private server (fails if it cannot start), =0 never starts one.
// TEST_PG_CONCURRENCY sets how many test files run at once (run-tests.mjs's default otherwise).
// A server that cannot be reached fails the run loudly: the connection error surfaces in every test.
import { spawn } from 'node:child_process';
import { postgresBinaries, startPrivatePostgres } from './private-postgres.mjs';

const targets = process.argv.slice(2);
const folders = targets.length ? targets : ['packages/core', 'packages/server', 'packages/cli'];
const named = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const choice = process.env.TEST_PG_PRIVATE;
const bin = choice === '0' ? null : postgresBinaries();

let server = null;
if (choice === '1' || (!named && choice !== '0' && bin)) {
  if (!bin) {
    console.error('TEST_PG_PRIVATE=1, but the PostgreSQL server binaries (initdb, postgres) are not installed');
    process.exit(1);
  }
  const started = Date.now();
  server = await startPrivatePostgres(bin);
  console.error(`test-pg: a private PostgreSQL for this run at ${server.url} (${Date.now() - started} ms to start)`);
}
const url = server ? server.url : named || 'postgres://postgres@127.0.0.1:5432/test';
const env = { ...process.env, DATABASE_URL: url };
if (server) env.TEST_PG_CLONE = '1';
else delete env.TEST_PG_CLONE;

const concurrency = process.env.TEST_PG_CONCURRENCY ? ['--concurrency', process.env.TEST_PG_CONCURRENCY] : [];
const child = spawn(process.execPath, ['scripts/run-tests.mjs', ...concurrency, ...folders], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
if (server) {
  const cpu = server.cpuSeconds();
  if (cpu !== null) console.error(`test-pg: the private PostgreSQL used ${cpu.toFixed(1)} s of CPU`);
  await server.stop();
}
process.exit(code);
