#!/usr/bin/env node
// The module boundaries check (npm run check:boundaries), with dependency-cruiser:
// 1. .dependency-cruiser.cjs (every file, tests too): imports between core modules go through index.ts;
// 2. .dependency-cruiser-cycles.cjs (without tests): no cycle between core modules, none between packages.
// There is no list of allowed exceptions: any cycle fails, and the check prints its module edges.
// Usage: node scripts/check-boundaries.mjs
import { spawnSync } from 'node:child_process';

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
for (const v of violations) {
  console.error(`  ${v.rule.name}: ${[v.from, ...v.cycle.map((c) => c.name)].map(short).join(' -> ')}`);
  console.error(`    module edges: ${edgesOf(v).join(', ')}`);
}
if (violations.length > 0) {
  console.error(
    `check:boundaries: ${violations.length} cycle(s) between modules or packages: the module that reacts subscribes to a hook or an event, or the code moves to the module that owns it`,
  );
  process.exit(1);
}
console.log('check:boundaries: imports through index.ts only; no cycle between core modules or packages');
