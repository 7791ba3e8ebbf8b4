/** The inventory module's public API: other modules import only from here. */
export {
  reserveStock,
  reserveStockLines,
  commitReservations,
  releaseReservations,
  adjustStock,
  receiveIntoStock,
  takeFromStock,
  type ReservationLine,
  type OrderReservationLine,
} from './stock.js';
