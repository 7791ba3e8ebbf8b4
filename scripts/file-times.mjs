// A test reporter for scripts/run-tests.mjs: at the end, the slowest test files, each with its
// duration (the file's process, start to end) and the sum of its top-level tests' durations (the
// rest is starting the process, loading modules and file-level hooks). Where a run's time goes.
// With TEST_TIMES_FILE set (run-tests.mjs sets it), the durations are also merged into that JSON
// file, so the next run can start the slowest files first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sourcePath } from './build-tests.mjs';

const SHOWN = 20;

function remember(path, rows) {
  let known = {};
  try {
    known = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // first run
  }
  for (const r of rows) if (r.duration > 0) known[r.file] = Math.round(r.duration * 10) / 10;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(known, null, 1) + '\n');
}

export default async function* fileTimes(source) {
  const files = new Map();
  // A compiled test file (scripts/build-tests.mjs) is its .ts: the file's own event names the .js,
  // its tests' events the .ts (node maps their location through the source map).
  const sources = new Map();
  const entry = (reported) => {
    let file = sources.get(reported);
    if (file === undefined) sources.set(reported, (file = sourcePath(reported)));
    let f = files.get(file);
    if (!f) files.set(file, (f = { duration: 0, tests: 0, failed: 0 }));
    return f;
  };
  for await (const event of source) {
    const data = event.data;
    if (!data?.file) continue;
    if (event.type === 'test:complete' && data.name === data.file)
      entry(data.file).duration = data.details?.duration_ms ?? 0;
    else if (
      (event.type === 'test:pass' || event.type === 'test:fail') &&
      data.nesting === 0 &&
      data.name !== data.file
    ) {
      const f = entry(data.file);
      f.tests += data.details?.duration_ms ?? 0;
      if (event.type === 'test:fail') f.failed++;
    }
  }
  const cwd = process.cwd() + '/';
  const rows = [...files].map(([file, f]) => ({
    file: file.startsWith(cwd) ? file.slice(cwd.length) : file,
    duration: f.duration / 1000,
    tests: f.tests / 1000,
    failed: f.failed,
  }));
  rows.sort((a, b) => b.duration - a.duration);
  const total = rows.reduce((s, r) => s + r.duration, 0);
  if (process.env.TEST_TIMES_FILE) remember(process.env.TEST_TIMES_FILE, rows);
  yield `\n# slowest test files (${Math.min(SHOWN, rows.length)} of ${rows.length}; file s, its tests s); all files: ${total.toFixed(0)} s\n`;
  for (const r of rows.slice(0, SHOWN))
    yield `#   ${r.duration.toFixed(1).padStart(7)}  ${r.tests.toFixed(1).padStart(7)}  ${r.file}${r.failed ? `  (${r.failed} failed)` : ''}\n`;
}
