export {
  type LateShipmentRule,
  type RuleProfile,
  DEFAULT_RULES,
  RULE_BOUNDS,
  checkRuleProfile,
  type RuleProfilePatch,
  applyRulePatch,
  profileFromStored,
  orderRules,
} from './profile.js';
export { lateShipmentCompensationFen } from './compensation.js';
export {
  DEADLINE,
  type DeadlineKind,
  ORDER_DEADLINES,
  MERCHANT_DEADLINES,
  DEADLINE_HOUR_MS,
  DEADLINE_DAY_MS,
} from './deadline-kinds.js';
export { parseOrderRules, loadOrderRules } from './order-snapshot.js';
export { type DeadlineItem, shopDeadlines } from './shop-deadlines.js';
export {
  type ShipByFacts,
  shipOverdueMs,
  isShipOverdue,
  type AwaitingShipment,
  awaitingShipment,
  shipmentCounts,
} from './awaiting-shipment.js';
export { isLateDispatch } from './dispatch-rule.js';
export { SANDBOX_CARRIER, TRACKED_CARRIERS, hasTrackedParcel } from './tracked-parcel.js';
export {
  type CategoryRuleColumns,
  CATEGORY_RULE_COLUMNS,
  profileOfCategory,
  type CategoryRulesView,
  categoryRules,
  listCategoryRules,
  updateCategoryRuleProfile,
} from './category-rules.js';
export { type ShopViolationsView, shopViolations } from './violations.js';
export {
  payByTimer,
  onOrderPaid,
  onOrderShipped,
  onOrderDelivered,
  onOrderClosed,
  onOrderTransition,
} from './order-deadlines.js';
export { shipByAtOf } from './order-deadlines.js';
