// Module boundaries (npm run check:boundaries; .ci/run runs it after the build).
// A module is a folder of packages/core/src; its index.ts is its public API. Rules, no exceptions list:
// - a file of one module imports another module only through that module's index.ts (a module's
//   test-support folder is a module of test helpers with its own index.ts, for test files only);
// - no cycle between core modules, whatever files the cycle runs through, and none between
//   packages: those rules are in .dependency-cruiser-cycles.cjs, which reads the same files less
//   the tests and test helpers (a test may use any module through its index).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-deep-import',
      comment: 'Import another module of packages/core/src only through its index.ts (its public API).',
      severity: 'error',
      from: { path: '^packages/core/src/([^/]+)/' },
      to: {
        path: '^packages/core/src/[^/]+/',
        pathNot: ['^packages/core/src/$1/', '^packages/core/src/[^/]+/(test-support/)?index\\.ts$'],
      },
    },
    {
      name: 'core-root-deep-import',
      comment: "The core's root files (index.ts, core.ts, context.ts) reach modules through their index.ts.",
      severity: 'error',
      from: { path: '^packages/core/src/[^/]+\\.ts$' },
      to: { path: '^packages/core/src/[^/]+/', pathNot: '^packages/core/src/[^/]+/index\\.ts$' },
    },
    {
      name: 'test-support-only-in-tests',
      comment: 'Test helpers (test-support folders) are for test files and other test helpers.',
      severity: 'error',
      from: { path: '^packages/core/src/', pathNot: ['\\.test\\.ts$', '/test-support/'] },
      to: { path: '^packages/core/src/.*test-support/' },
    },
  ],
  options: {
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.base.json' },
    doNotFollow: { path: 'node_modules' },
    // the swc parser reads no JSX: the web app's .tsx files (which import no other package) are left out
    exclude: { path: ['/dist/', '/test-build/', 'node_modules', '\\.tsx$'] },
    enhancedResolveOptions: {
      conditionNames: ['development', 'import', 'types', 'default'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.d.ts'],
    },
  },
};
