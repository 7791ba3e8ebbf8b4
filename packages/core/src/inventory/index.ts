/** The inventory module's public API: other modules import only from here. */
export {
  type ReservationLine, reserveStock, commitReservations, releaseReservations, adjustStock, receiveIntoStock,
  takeFromStock,
} from './stock.js';
