// Compiles the packages' sources and tests to JavaScript once per run, for scripts/run-tests.mjs: each
// test process then loads plain JavaScript instead of compiling every module through tsx's loader
// (on Node 20 a loader thread that each of some thousand imports round-trips through: about 1.3 s
// of CPU per test process). esbuild with tsx's own options (keepNames, the running node as target),
// so the code that runs is the code tsx would have run.
//
// packages/<p>/src/<path>.ts(x) becomes packages/<p>/test-build/<path>.js: a sibling of src at the
// same depth, so a path a file builds from its own place (`new URL('../../assets/…',
// import.meta.url)`) names the same file, and bare imports find the same node_modules. Import
// specifiers are rewritten to the compiled files: `./x.js`, `./x.ts` and `./x` to the module
// beside it, and `@zhongcao/<p>[/sub]` to the compiled file of the package's `development` export
// (what tsx ran under --conditions=development). A relative import of a TypeScript file outside the
// packages' src folders (scripts/contract.ts) is compiled into node_modules/.cache/zhongcao-tests.
// Source maps point back at the .ts files (run-tests.mjs runs node with --enable-source-maps).
//
// Only files changed since the last build are compiled again; a file added or removed, another
// esbuild or node, or a changed package.json rebuilds everything. A file that does not compile
// becomes a module that throws esbuild's message, so, as under tsx, the tests that import it fail
// and the others run.
// Usage: node scripts/build-tests.mjs (run-tests.mjs calls buildTests() itself)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');
const PACKAGES = join(REPO, 'packages');
export const OUT_DIR_NAME = 'test-build';
const CACHE = join(REPO, 'node_modules', '.cache', 'zhongcao-tests');
const OUTSIDE = join(CACHE, 'build');
const MANIFEST = join(CACHE, 'build-manifest.json');
const SOURCE = /\.(ts|tsx)$/;

const packageDirs = () =>
  readdirSync(PACKAGES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(PACKAGES, e.name, 'package.json')))
    .map((e) => join(PACKAGES, e.name));

/** The compiled file of a source file: beside src, or in the cache for files outside the packages' src. */
export function compiledPath(source) {
  const rel = relative(PACKAGES, source).split(sep);
  if (rel.length > 2 && rel[0] !== '..' && rel[1] === 'src')
    return join(PACKAGES, rel[0], OUT_DIR_NAME, ...rel.slice(2)).replace(SOURCE, '.js');
  return join(OUTSIDE, relative(REPO, source)).replace(SOURCE, '.js');
}

/** The source file of a compiled test file (for reports and the file-times record), or the path itself. */
export function sourcePath(file) {
  const rel = relative(PACKAGES, resolve(file)).split(sep);
  if (rel.length > 2 && rel[0] !== '..' && rel[1] === OUT_DIR_NAME && file.endsWith('.js')) {
    const base = join(PACKAGES, rel[0], 'src', ...rel.slice(2)).slice(0, -'.js'.length);
    return existsSync(`${base}.tsx`) ? `${base}.tsx` : `${base}.ts`;
  }
  return file;
}

/** Whether a test file can run compiled: it lies in a package's src folder. */
export const compilable = (file) => {
  const rel = relative(PACKAGES, resolve(file)).split(sep);
  return rel.length > 2 && rel[0] !== '..' && rel[1] === 'src' && SOURCE.test(file) && !file.endsWith('.d.ts');
};

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** `@zhongcao/<name>` → its folder and `exports` field. */
function workspacePackages() {
  const map = new Map();
  for (const dir of packageDirs()) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    map.set(pkg.name, { dir, exports: pkg.exports });
  }
  return map;
}

function exportTarget(entry) {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object') return entry.development ?? entry.default ?? null;
  return null;
}

function resolveFile(base) {
  const candidates = [];
  if (/\.(js|jsx|mjs)$/.test(base))
    candidates.push(base.replace(/\.(js|jsx|mjs)$/, '.ts'), base.replace(/\.(js|jsx|mjs)$/, '.tsx'));
  // `./x` as the web app writes it (bundler resolution); in `./messages.en`, `.en` is no extension
  candidates.push(base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx'));
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** The source file a specifier of `from` names, or null when it is not ours (a package of node_modules). */
function resolveSpecifier(from, spec, workspaces) {
  if (spec.startsWith('./') || spec.startsWith('../')) return resolveFile(resolve(dirname(from), spec));
  const m = /^(@zhongcao\/[^/]+)(\/.*)?$/.exec(spec);
  if (!m) return null;
  const pkg = workspaces.get(m[1]);
  if (!pkg?.exports) return null;
  const sub = m[2] ? `.${m[2]}` : '.';
  const exports = typeof pkg.exports === 'string' || !('.' in pkg.exports) ? { '.': pkg.exports } : pkg.exports;
  const target = exportTarget(exports[sub]);
  return target ? resolveFile(join(pkg.dir, target)) : null;
}

// esbuild prints every import with a double-quoted specifier: `from "…"`, `import "…"`, `import("…")`.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)"((?:\.{1,2}\/|@zhongcao\/)[^"]*)"/g;

function rewriteImports(code, source, workspaces, reached) {
  const out = dirname(compiledPath(source));
  return code.replace(SPECIFIER, (whole, lead, spec) => {
    const target = resolveSpecifier(source, spec, workspaces);
    if (!target) return whole;
    const compiled = SOURCE.test(target) ? compiledPath(target) : target;
    if (SOURCE.test(target)) reached.add(target);
    let rel = relative(out, compiled).split(sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `${lead}"${rel}"`;
  });
}

function loadEsbuild() {
  const require = createRequire(import.meta.url);
  return require('esbuild');
}

/** Written beside and renamed, so a test process reading it meanwhile (another run) never sees half a file. */
function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** Compiled files whose source is gone. */
function removeStale(current) {
  const sweep = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) sweep(path);
      else if (!path.endsWith('.tmp') && !current.has(path.replace(/\.map$/, ''))) rmSync(path, { force: true });
    }
  };
  for (const d of packageDirs()) sweep(join(d, OUT_DIR_NAME));
  sweep(OUTSIDE);
}

function stamp(file) {
  const s = statSync(file);
  return `${s.mtimeMs}:${s.size}`;
}

/**
 * Compiles what changed since the last build. Returns { compiled, total, ms }.
 */
export async function buildTests() {
  const started = Date.now();
  const esbuild = loadEsbuild();
  const workspaces = workspacePackages();
  const sources = packageDirs()
    .filter((d) => existsSync(join(d, 'src')))
    .flatMap((d) => walk(join(d, 'src'), []))
    .sort();
  const key = createHash('sha256')
    .update(esbuild.version)
    .update(process.version)
    .update(readFileSync(import.meta.filename))
    .update(
      packageDirs()
        .map((d) => readFileSync(join(d, 'package.json'), 'utf8'))
        .join('\n'),
    )
    .update(sources.join('\n'))
    .digest('hex');
  let previous = { key: null, stamps: {}, outside: [] };
  try {
    previous = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    // no earlier build
  }
  if (previous.key !== key) previous = { key, stamps: {}, outside: [] };
  const stamps = {};
  const reached = new Set((previous.outside ?? []).map((f) => join(REPO, f)).filter((f) => existsSync(f)));
  let compiled = 0;
  const compile = async (source) => {
    const id = relative(REPO, source);
    const s = stamp(source);
    const target = compiledPath(source);
    if (previous.stamps[id] === s && existsSync(target)) {
      stamps[id] = s;
      return;
    }
    let code;
    let map = null;
    try {
      const result = await esbuild.transform(readFileSync(source, 'utf8'), {
        loader: source.endsWith('.tsx') ? 'tsx' : 'ts',
        format: 'esm',
        target: `node${process.versions.node}`,
        keepNames: true,
        jsx: 'automatic',
        sourcemap: 'external',
        sourcesContent: false, // the maps point at the .ts files, which are there
        sourcefile: relative(dirname(target), source).split(sep).join('/'),
      });
      code = `${rewriteImports(result.code, source, workspaces, reached)}//# sourceMappingURL=${encodeURIComponent(basename(target))}.map\n`;
      map = result.map;
      stamps[id] = s;
    } catch (err) {
      // As under tsx: the files that import it fail, with esbuild's message; the others run.
      code = `throw new SyntaxError(${JSON.stringify(`${id} does not compile:\n${err.message}`)});\n`;
      stamps[id] = 'failed';
    }
    mkdirSync(dirname(target), { recursive: true });
    if (map !== null) writeAtomically(`${target}.map`, map);
    writeAtomically(target, code);
    compiled++;
  };
  const queue = [...sources];
  const work = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) await compile(s);
  };
  await Promise.all(Array.from({ length: 8 }, work));
  // TypeScript outside the packages' src that a compiled file imports (and what that imports in turn).
  const outside = (set) => [...set].filter((f) => !compilable(f) && !(relative(REPO, f) in stamps));
  for (let more = outside(reached); more.length > 0; more = outside(reached)) {
    for (const f of more) await compile(f);
  }
  const outsideFiles = Object.keys(stamps).filter((f) => !compilable(join(REPO, f)));
  removeStale(new Set(Object.keys(stamps).map((f) => compiledPath(join(REPO, f)))));
  mkdirSync(CACHE, { recursive: true });
  writeAtomically(MANIFEST, JSON.stringify({ key, stamps, outside: outsideFiles }));
  return { compiled, total: Object.keys(stamps).length, ms: Date.now() - started };
}

if (process.argv[1] === import.meta.filename) {
  const r = await buildTests();
  console.error(`build-tests: ${r.compiled} of ${r.total} files compiled in ${r.ms} ms`);
}
