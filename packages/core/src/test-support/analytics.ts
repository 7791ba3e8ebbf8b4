/** What the scaled-mode 罗盘 test of the server needs from the core's fixtures: the recount helper and a creator's video. */
export { rollupsSnapshot } from './rollups-snapshot.js';
export { videoOf } from '../affiliate/test-support/index.js';
