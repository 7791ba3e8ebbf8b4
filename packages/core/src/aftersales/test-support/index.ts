/** The aftersales/test-support module's public API: other modules import only from here. */
export { buyAndPay, ship, world, type World } from './fixtures.js';
