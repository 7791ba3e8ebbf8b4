/** The ledger/test-support module's public API: other modules import only from here. */
export { bal, completeOrder, sendRefunds, deliverAll, deliverAllMoney, paidOrder } from './money-fixtures.js';
