#!/usr/bin/env node
// Finds *.test.ts files under the given folders and runs them with node's test runner.
// Usage: node scripts/run-tests.mjs [--concurrency N] <folder-or-test-file>...
// A file that cannot run beside others says so in a line of its own, `// run-tests: alone` (with
// why): it runs after the others, by itself, in a second test process (a second summary in the report).
// The packages' tests run compiled: scripts/build-tests.mjs compiles the packages' sources (what
// changed since the last run) into packages/<p>/test-build, and node runs those files, with source
// maps back to the .ts files. A run with files elsewhere (e2e/, faults/), or TEST_FROM_SOURCE=1, runs
// the .ts files through tsx's loader instead (about 1.3 s more CPU per test process on Node 20).
// A run with browser (e2e/) files seeds the demo store once for all of them (E2E_TEMPLATE_DIR,
// see e2e/support/demo-template.ts) and removes it at the end.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { spawn } from 'node:child_process';
import { buildTests, compilable, compiledPath, OUT_DIR_NAME } from './build-tests.mjs';

const args = process.argv.slice(2);
let concurrency = '2';
const roots = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--concurrency') concurrency = args[++i];
  else roots.push(args[i]);
}

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === OUT_DIR_NAME) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

// The slowest files (by the last run's durations, file-times.mjs) start first, so two long ones
// do not end up alone at the tail of a parallel run; files not timed yet come first of all.
const timesFile = join(process.cwd(), 'node_modules', '.cache', 'zhongcao-tests', 'file-times.json');
let lastTimes = {};
try {
  lastTimes = JSON.parse(readFileSync(timesFile, 'utf8'));
} catch {
  // no earlier run
}
const lastTime = (file) => lastTimes[relative(process.cwd(), file)] ?? Infinity;
const files = roots
  .flatMap((r) => (statSync(r).isDirectory() ? walk(r, []) : [r]))
  .sort()
  .sort((a, b) => lastTime(b) - lastTime(a) || (a < b ? -1 : a > b ? 1 : 0));
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const env = { ...process.env, TEST_TIMES_FILE: process.env.TEST_TIMES_FILE || timesFile };
let templateDir = null;
const isE2e = (file) => relative(process.cwd(), file).split(sep)[0] === 'e2e';
if (!env.E2E_TEMPLATE_DIR && files.some(isE2e)) {
  templateDir = mkdtempSync(join(tmpdir(), 'zhongcao-e2e-template-'));
  env.E2E_TEMPLATE_DIR = templateDir;
}
// The usual report on stdout (spec on a terminal, TAP otherwise, as node's default), and the
// slowest files on stderr at the end (file-times.mjs).
const reporters = [
  `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
  '--test-reporter-destination=stdout',
  `--test-reporter=${join(import.meta.dirname, 'file-times.mjs')}`,
  '--test-reporter-destination=stderr',
];
const compiled = process.env.TEST_FROM_SOURCE !== '1' && files.every(compilable);
let loading = ['--import', 'tsx'];
let testFiles = files;
if (compiled) {
  const built = await buildTests();
  console.error(
    `run-tests: compiled ${built.compiled} of ${built.total} source files to JavaScript in ${(built.ms / 1000).toFixed(1)} s`,
  );
  loading = ['--enable-source-maps'];
  testFiles = files.map(compiledPath);
}
// Files marked `// run-tests: alone` run after the others, one at a time (a run at concurrency 1 has
// one phase).
const ALONE = /^\/\/ run-tests: alone\b/m;
const runsAlone = files.map((f) => concurrency !== '1' && ALONE.test(readFileSync(f, 'utf8')));
const phases = [
  { files: testFiles.filter((_, i) => !runsAlone[i]), concurrency },
  { files: testFiles.filter((_, i) => runsAlone[i]), concurrency: '1' },
].filter((p) => p.files.length > 0);
if (phases.length > 1) console.error(`run-tests: ${phases[1].files.length} file(s) run alone, after the others`);

let child = null;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stopping = true;
    child?.kill(signal);
  });
let exitCode = 0;
for (const phase of phases) {
  if (stopping) break;
  // --conditions=development either way: tsx resolves the workspace packages to their sources by
  // it, and compiled, a workspace import the build did not rewrite fails loudly instead of running
  // the packages' dist.
  const code = await new Promise((resolve) => {
    child = spawn(
      process.execPath,
      [
        '--conditions=development',
        ...loading,
        '--test',
        `--test-concurrency=${phase.concurrency}`,
        ...reporters,
        ...phase.files,
      ],
      { stdio: 'inherit', env },
    );
    child.on('exit', (c) => resolve(c ?? 1));
  });
  child = null;
  if (code !== 0) exitCode = code;
}
if (templateDir) rmSync(templateDir, { recursive: true, force: true });
process.exit(stopping && exitCode === 0 ? 1 : exitCode);
