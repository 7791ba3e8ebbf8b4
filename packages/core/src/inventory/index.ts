// The inventory module's public surface: stock, changed only by conditional updates.
export { reserveStock, reserveStockLines, commitReservations, releaseReservations, adjustStock, receiveIntoStock, takeFromStock, type ReservationLine, type OrderReservationLine } from './stock.js';
