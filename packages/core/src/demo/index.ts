/** The demo module's public API: other modules import only from here. */
export { buildDemoCatalog } from './catalog.js';
export { DEMO_CLIPS_DIR } from './demo-clips.js';
export { gradientPng } from './png.js';
export {
  DEMO_PASSWORD,
  DEMO_DOORS,
  type SeedProgress,
  isDemoSeeded,
  type DemoLogin,
  demoLogins,
  type SeedOptions,
  seedDemo,
} from './seed.js';
export { demoAccountsWithPublicPassword } from './demo-accounts.js';
