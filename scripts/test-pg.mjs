#!/usr/bin/env node
// Runs the suites of the packages that open a store (core, server, cli) against PostgreSQL. Each
// test gets a fresh schema in the database named by TEST_DATABASE_URL (or DATABASE_URL); a missing
// server fails the run loudly. The recommender (packages/recsys) and the web app (packages/web)
// never open a store — their tests would only repeat the SQLite run's — so they run in `npm test` only.
// Extra arguments (test files or folders) replace the default folders.
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const targets = process.argv.slice(2);
const folders = targets.length ? targets : ['packages/core', 'packages/server', 'packages/cli'];
const result = spawnSync(process.execPath, ['scripts/run-tests.mjs', ...folders], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
});
process.exit(result.status ?? 1);
