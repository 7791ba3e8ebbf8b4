/** The live/test-support module's public API: other modules import only from here. */
export { liveShopRoom } from './live-fixtures.js';
