/** The orderviews module's public API: other modules import only from here. */
export {
  type OrderLineView,
  type OrderSummary,
  type OrderDetail,
  type OrderQuery,
  buyerOrders,
  shopOrders,
  orderDetail,
} from './order-views.js';
