/**
 * Console endpoints of the platform rules, deadlines, surge protection and tracking:
 * 履约中心 (merchant), 平台规则 (admin) and the parcel timeline in the order drawer.
 */
import { api } from '../../api/client';

const enc = encodeURIComponent;

/** One running deadline of a shop (a pending timer). */
export interface Deadline {
  orderId: string;
  /** Timer kind: pay_by, ship_by, auto_confirm, refund_response, … */
  kind: string;
  dueAt: number;
  /** On the server's clock when it answered; negative once due and awaiting enforcement. */
  remainingMs: number;
  /** Set when the deadline belongs to an after-sales case (the merchant answers it there). */
  caseId?: string | null;
}

export interface Violations {
  points: number;
  milliPoints: number;
  items: Array<{ rule: string; subjectId: string; points: number; detail: Record<string, unknown>; at: number }>;
}

export interface ShopCapacity { shopId: string; warehouse: string; capacityPerDay: number | null }

export type SurgePolicy = 'warn' | 'presale' | 'pause';
export const SURGE_POLICIES: readonly SurgePolicy[] = ['warn', 'presale', 'pause'];

export interface CapacityProjection {
  capacityPerDay: number | null;
  /** Paid, not yet shipped. */
  backlog: number;
  /** Unpaid orders, each holding a slot after the paid ones. */
  pending: number;
  shippedToday: number;
  projectedClearAt: number | null;
  atRisk: Array<{ orderId: string; shipBy: number; projectedShipAt: number }>;
  newOrderShipAt: number | null;
  /** Share of the slots in the 48-hour promise window already taken, 0..1. */
  pressure: number;
  nearLimit: boolean;
  nearLimitAt: number;
  products: Array<{ productId: string; title: string; policy: SurgePolicy }>;
}

export interface LateShipmentRule { compensationBp: number; minFen: number; maxFen: number; violationMilliPoints: number }

/** A category's rule profile (every field of the server's RuleProfile). */
export interface RuleProfile {
  unpaidCancelMinutes: number;
  flashSaleUnpaidCancelMinutes: number;
  shipByHours: number;
  lateShipment: LateShipmentRule;
  refundResponseHours: number;
  fastRefundMaxFen: number;
  fastRefundWithinHours: number;
  afterSalesResponseHours: number;
  returnShipDays: number;
  returnConfirmHours: number;
  freshClaimHours: number;
  autoConfirmDays: number;
  settleWindowDays: number;
  sevenDayNoReason: boolean;
  perishable: boolean;
  feeRateBp: number;
}

export type RulesPatch = Partial<Omit<RuleProfile, 'lateShipment'>> & { lateShipment?: Partial<LateShipmentRule> };

export interface CategoryRules { categoryId: string; name: string; rules: RuleProfile }
/** The platform's defaults every category inherits, and each whole-number rule's inclusive bounds (as the server checks them). */
export interface RuleBook { defaults: RuleProfile; bounds: Record<string, [number, number]> }

export interface TimerView {
  kind: string;
  subjectId: string;
  scopeId: string | null;
  dueAt: number;
  payload: Record<string, unknown>;
  status: 'pending' | 'done' | 'cancelled' | 'failed';
  attempts: number;
  lastError: string | null;
  firedAt: number | null;
}

export interface TimersOverview { counts: Record<string, number>; troubled: TimerView[] }

export interface TrackedParcel {
  shipmentId: string;
  carrier: string;
  trackingNo: string;
  /** awaiting_pickup, collected, in_transit, out_for_delivery, exception or delivered. */
  status: string;
  events: Array<{ status: string; at: number; location: string; description: string }>;
}

/** The promise part of GET /orders/:id that the drawer shows. */
export interface OrderPromise { shipByHours: number; shipBy?: number | null; lateAt?: number | null; presaleShipBy?: number | null }

export const opsApi = {
  deadlines: (shopId: string) => api<{ items: Deadline[] }>('GET', `/merchant/shops/${enc(shopId)}/deadlines`, { query: { limit: 200 } }).then((r) => r.items),
  violations: (shopId: string) => api<Violations>('GET', `/merchant/shops/${enc(shopId)}/violations`),
  capacity: (shopId: string) => api<ShopCapacity>('GET', `/merchant/shops/${enc(shopId)}/capacity`),
  setCapacity: (shopId: string, capacityPerDay: number) => api<ShopCapacity>('PUT', `/merchant/shops/${enc(shopId)}/capacity`, { body: { capacityPerDay } }),
  projection: (shopId: string) => api<CapacityProjection>('GET', `/merchant/shops/${enc(shopId)}/capacity/projection`),
  setSurgePolicy: (productId: string, policy: SurgePolicy) => api<{ productId: string; policy: SurgePolicy }>('PUT', `/merchant/products/${enc(productId)}/surge-policy`, { body: { policy } }),
  tracking: (orderId: string) => api<{ parcels: TrackedParcel[] }>('GET', `/orders/${enc(orderId)}/tracking`).then((r) => r.parcels),
  categoryRules: () => api<{ items: CategoryRules[]; book: RuleBook }>('GET', '/admin/rules/categories'),
  updateRules: (categoryId: string, patch: RulesPatch) => api<CategoryRules>('PATCH', `/admin/categories/${enc(categoryId)}/rules`, { body: patch }),
  timers: () => api<TimersOverview>('GET', '/admin/timers'),
};
