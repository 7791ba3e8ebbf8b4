#!/usr/bin/env node
// The module boundaries check (npm run check:boundaries), with dependency-cruiser:
// 1. .dependency-cruiser.cjs (every file, tests too): imports between core modules go through index.ts;
// 2. .dependency-cruiser-cycles.cjs (without tests): no cycle between core modules, none between packages.
// The cycles that existed when the check was introduced are listed, as module edges, in
// .dependency-cruiser-known-cycles.json; a cycle that uses any edge not listed fails. The list only
// shrinks: when a cycle is broken, remove its edges (the check names the entries no cycle uses).
// Usage: node scripts/check-boundaries.mjs [--write-known]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const KNOWN_FILE = '.dependency-cruiser-known-cycles.json';
const depcruise = (args, capture) =>
  spawnSync(process.execPath, ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', ...args], {
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });

const imports = depcruise(['--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'packages'], false);
if (imports.status !== 0) {
  console.error('check:boundaries: an import breaks the module boundaries (see above)');
  process.exit(1);
}

const cycles = depcruise(['--config', '.dependency-cruiser-cycles.cjs', '--output-type', 'json', 'packages'], true);
if (cycles.status !== 0 && !cycles.stdout) process.exit(cycles.status ?? 1);
const result = JSON.parse(cycles.stdout);
const short = (name) => name.replace(/^packages\/core\/src\//, '');
const edgesOf = (v) => {
  const path = [v.from, ...v.cycle.map((c) => c.name)];
  const edges = [];
  for (let i = 0; i < path.length - 1; i++) edges.push(`${short(path[i])} -> ${short(path[i + 1])}`);
  return edges;
};
const violations = result.summary.violations.filter((v) => v.type === 'cycle');
const used = new Set(violations.flatMap(edgesOf));

if (process.argv.includes('--write-known')) {
  writeFileSync(KNOWN_FILE, JSON.stringify([...used].sort(), null, 2) + '\n');
  console.log(`check:boundaries: ${used.size} module edges in cycles written to ${KNOWN_FILE}`);
  process.exit(0);
}

const known = new Set(JSON.parse(readFileSync(KNOWN_FILE, 'utf8')));
const fresh = violations.filter((v) => edgesOf(v).some((e) => !known.has(e)));
for (const v of fresh) {
  console.error(`  ${v.rule.name}: ${[v.from, ...v.cycle.map((c) => c.name)].map(short).join(' -> ')}`);
  console.error(
    `    new edges: ${edgesOf(v)
      .filter((e) => !known.has(e))
      .join(', ')}`,
  );
}
const stale = [...known].filter((e) => !used.has(e));
if (stale.length > 0)
  console.log(
    `check:boundaries: no cycle uses these listed edges any more; remove them from ${KNOWN_FILE}: ${stale.join(', ')}`,
  );
if (fresh.length > 0) {
  console.error(
    `check:boundaries: ${fresh.length} cycle(s) between modules or packages use edges not in ${KNOWN_FILE}: the module that reacts subscribes to a hook or an event instead`,
  );
  process.exit(1);
}
console.log(
  `check:boundaries: imports through index.ts only; ${violations.length} known cycle paths over ${known.size - stale.length} listed module edges, no new one`,
);
