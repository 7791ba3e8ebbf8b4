#!/usr/bin/env node
// Runs the same suites as `npm test` against PostgreSQL. Each test gets a fresh schema in the
// database named by TEST_DATABASE_URL (or DATABASE_URL); a missing server fails the run loudly.
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const result = spawnSync(process.execPath, ['scripts/run-tests.mjs', 'packages'], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } });
process.exit(result.status ?? 1);
