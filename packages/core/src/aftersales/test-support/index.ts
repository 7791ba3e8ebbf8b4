/** The aftersales/test-support module's public API: other modules import only from here. */
export { buyAndPay, buyTwoAndPay, ship, world, type World } from './fixtures.js';
