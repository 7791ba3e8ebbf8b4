/** The test-support module's public API: other modules import only from here. */
export {
  openTestCore,
  withTestCore,
  type TestCoreHooks,
  sharedTestStore,
  makePerson,
  makeShop,
  type ShopFixture,
  type TestCore,
  usingPostgres,
} from './harness.js';
export { TEST_PASSWORD } from './harness.js';
export { likedRings, nextLifecycle } from './liked-rings.js';
export { rollupsSnapshot } from './rollups-snapshot.js';
export { emptyStore, type EmptyStore } from './migration-store.js';
