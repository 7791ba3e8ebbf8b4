// Cycles (npm run check:boundaries): no cycle between core modules, whatever files it runs through,
// and none between the workspace packages. Tests and test helpers are left out: a test may use any
// module through its index.ts. The imports rules are in .dependency-cruiser.cjs.
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-module-cycle',
      comment: 'No cycle between core modules: the module that reacts subscribes to a hook or an event.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^packages/core/src/[^/]+$' },
      to: { circular: true },
    },
    {
      name: 'package-cycle',
      comment: 'No cycle between the workspace packages.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^packages/[^/]+$' },
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    exclude: { path: [...base.options.exclude.path, '\\.test\\.ts$', '/test-support/'] },
  },
};
