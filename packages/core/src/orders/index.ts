/** The orders module's public API: other modules import only from here. */
export {
  type TransitionReason,
  type TransitionReasonCode,
  TRANSITION_REASON_CODES,
  type ReasonView,
  reasonText,
  reasonOf,
  reasonColumns,
} from './transition-reasons.js';
export {
  type OrderStatus,
  type ActorKind,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  canTransition,
  assertTransition,
  STATUS_TIME_COLUMN,
} from './order-states.js';
export { SELLER_REMARK_MAX, SELLER_REMARK_STARS, setSellerRemark } from './seller-remark.js';
export { MAX_CANCEL_REASON_CHARS, cancelOrder, markShipmentDelivered, confirmReceipt } from './order-commands.js';
export { type TransitionActor, type TransitionKnown, transitionOrder, requireTransition } from './transition.js';
export { placeOrders, checkDraftMoney, type OrderDraft, type OrderLineDraft, type PlacedStatus } from './placement.js';
export { ADDRESS_CHANGEABLE, changeOrderAddress } from './order-address.js';
export { LATE_SHIPMENT_RULE, type LateShipmentOutcome, applyLateShipment } from './late-shipment.js';
export { SHIP_BY_RECHECK_MS, registerOrderDeadlines } from './deadline-handlers.js';
export { receiveNotification, applyNotification } from './payment-capture.js';
