/**
 * Console endpoints of the platform rules, deadlines, surge protection and tracking:
 * 履约中心 (merchant), 平台规则 (admin) and the parcel timeline in the order drawer.
 */
import { api } from '../../api/client';
import type { Answer } from '../../api/contract';

const enc = encodeURIComponent;

/** One running deadline of a shop (a pending timer); remainingMs is on the server's clock, negative once due. */
export type Deadline = Answer<'/api/v1/merchant/shops/{shopId}/deadlines', 'get'>['items'][number];
export type Violations = Answer<'/api/v1/merchant/shops/{shopId}/violations', 'get'>;
export type ShopCapacity = Answer<'/api/v1/merchant/shops/{shopId}/capacity', 'get'>;
export type CapacityProjection = Answer<'/api/v1/merchant/shops/{shopId}/capacity/projection', 'get'>;
export type SurgePolicy = CapacityProjection['products'][number]['policy'];
export const SURGE_POLICIES: readonly SurgePolicy[] = ['warn', 'presale', 'pause'];

type CategoryRulesBook = Answer<'/api/v1/admin/rules/categories', 'get'>;
export type CategoryRules = CategoryRulesBook['items'][number];
/** A category's rule profile (every field of the server's RuleProfile). */
export type RuleProfile = CategoryRules['rules'];
export type LateShipmentRule = RuleProfile['lateShipment'];
export type RulesPatch = Partial<Omit<RuleProfile, 'lateShipment'>> & { lateShipment?: Partial<LateShipmentRule> };
/** The platform's defaults every category inherits, and each whole-number rule's inclusive bounds (as the server checks them). */
export type RuleBook = CategoryRulesBook['book'];

export type TimersOverview = Answer<'/api/v1/admin/timers', 'get'>;
export type TimerView = TimersOverview['troubled'][number];
/** A parcel's timeline (status: awaiting_pickup, collected, in_transit, out_for_delivery, exception or delivered). */
export type TrackedParcel = Answer<'/api/v1/orders/{orderId}/tracking', 'get'>['parcels'][number];

/** The promise part of GET /orders/:id that the drawer shows. */
export type OrderPromise = Answer<'/api/v1/orders/{orderId}', 'get'>['promise'];

export const opsApi = {
  deadlines: (shopId: string) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/deadlines', 'get'>>('GET', `/merchant/shops/${enc(shopId)}/deadlines`, {
      query: { limit: 200 },
    }).then((r) => r.items),
  violations: (shopId: string) => api<Violations>('GET', `/merchant/shops/${enc(shopId)}/violations`),
  capacity: (shopId: string) => api<ShopCapacity>('GET', `/merchant/shops/${enc(shopId)}/capacity`),
  setCapacity: (shopId: string, capacityPerDay: number) =>
    api<ShopCapacity>('PUT', `/merchant/shops/${enc(shopId)}/capacity`, { body: { capacityPerDay } }),
  projection: (shopId: string) => api<CapacityProjection>('GET', `/merchant/shops/${enc(shopId)}/capacity/projection`),
  setSurgePolicy: (productId: string, policy: SurgePolicy) =>
    api<Answer<'/api/v1/merchant/products/{productId}/surge-policy', 'put'>>(
      'PUT',
      `/merchant/products/${enc(productId)}/surge-policy`,
      { body: { policy } },
    ),
  tracking: (orderId: string) =>
    api<Answer<'/api/v1/orders/{orderId}/tracking', 'get'>>('GET', `/orders/${enc(orderId)}/tracking`).then(
      (r) => r.parcels,
    ),
  categoryRules: () => api<CategoryRulesBook>('GET', '/admin/rules/categories'),
  updateRules: (categoryId: string, patch: RulesPatch) =>
    api<CategoryRules>('PATCH', `/admin/categories/${enc(categoryId)}/rules`, { body: patch }),
  timers: () => api<TimersOverview>('GET', '/admin/timers'),
};
