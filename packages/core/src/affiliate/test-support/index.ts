/** The affiliate/test-support module's public API: other modules import only from here. */
export { makeWorld, buyVia, videoOf } from './affiliate-fixtures.js';
