/**
 * Row types of every table (Kysely's `Database` interface). Money in integer fen, times in epoch
 * ms, booleans as 0/1, JSON as text: the same on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';
export interface SettingsTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: string;
  login: string;
  display_name: string;
  password_hash: string;
  created_at: number;
}

export interface UserRolesTable {
  user_id: string;
  role: string; // shopper | creator | mcn | colonel | admin
  created_at: number;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  kind: string; // cookie | bearer
  csrf_token: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface AddressesTable {
  id: string;
  user_id: string;
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  is_default: number;
  created_at: number;
}

export interface ShopsTable {
  id: string;
  name: string;
  description: string;
  origin: string;
  owner_id: string;
  shipping_fee_fen: number;
  free_shipping_over_fen: number | null;
  status: string; // open | closed
  created_at: number;
}

export interface ShopMembersTable {
  shop_id: string;
  user_id: string;
  role: string; // owner | staff
  created_at: number;
}

export interface CategoriesTable {
  id: string;
  parent_id: string | null;
  name: string;
  ship_by_hours: number;
  perishable: number;
  fee_rate_bp: number;
  sort: number;
  created_at: number;
}

export interface ProductsTable {
  id: string;
  shop_id: string;
  category_id: string;
  title: string;
  description: string;
  spec_options: string; // JSON [{name, values[]}]
  status: string; // draft | listed | delisted
  min_price_fen: number;
  sales: number;
  /** How many people have the product in their favourites (收藏). */
  favourites: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface SkusTable {
  id: string;
  product_id: string;
  shop_id: string;
  spec_values: string; // JSON string[]
  spec_key: string; // spec values joined, unique per product
  price_fen: number;
  original_price_fen: number | null;
  stock: number;
  created_at: number;
  updated_at: number;
}

export interface ProductImagesTable {
  id: string;
  product_id: string;
  shop_id: string;
  file_name: string;
  content_type: string;
  bytes: number;
  sort: number;
  created_at: number;
}

export interface CartItemsTable {
  user_id: string;
  sku_id: string;
  quantity: number;
  attribution: string; // JSON
  added_at: number;
  updated_at: number;
  /** 1 when the line is ticked for 结算 (checking out the cart buys only these), 0 otherwise. */
  selected: Generated<number>;
}

export interface FavouritesTable {
  user_id: string;
  product_id: string;
  created_at: number;
}

export interface IdempotencyKeysTable {
  user_id: string;
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: number;
}

export interface CheckoutsTable {
  id: string;
  buyer_id: string;
  total_fen: number;
  created_at: number;
}

/** An order's state (the orders module's machine, orders/order-states.ts). Declared here so the column is typed with it. */
export type OrderStatus = 'unpaid' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';

export interface OrdersTable {
  id: string;
  checkout_id: string;
  shop_id: string;
  buyer_id: string;
  status: OrderStatus;
  items_fen: number;
  shipping_fee_fen: number;
  total_fen: number;
  address: string; // JSON snapshot
  buyer_note: string;
  pay_deadline: number;
  created_at: number;
  paid_at: number | null;
  shipped_at: number | null;
  delivered_at: number | null;
  completed_at: number | null;
  cancelled_at: number | null;
  cancel_reason: string | null;
  updated_at: number;
}

export interface OrderLinesTable {
  id: string;
  order_id: string;
  shop_id: string;
  product_id: string;
  sku_id: string;
  category_id: string;
  title: string;
  spec_values: string; // JSON
  unit_price_fen: number;
  quantity: number;
  line_total_fen: number;
  ship_by_hours: number;
  fee_rate_bp: number;
  perishable: number;
  attr_source: string; // video | live | search | shelf | link | feed | cart
  attr_content_id: string | null;
  attr_creator_id: string | null;
  created_at: number;
}

export interface OrderTransitionsTable {
  id: string;
  order_id: string;
  shop_id: string;
  from_status: string;
  to_status: string;
  actor_kind: string; // buyer | merchant | admin | system | provider
  actor_id: string | null;
  reason: string; // the English sentence (logs, older clients)
  reason_code: string; // TransitionReasonCode (orders/transition-reasons.ts); '' on rows the migration could not code
  reason_params: string; // JSON object of the code's parameters
  at: number;
}

export interface StockReservationsTable {
  id: string;
  order_id: string;
  sku_id: string;
  shop_id: string;
  quantity: number;
  status: string; // reserved | committed | released
  created_at: number;
  updated_at: number;
}

export interface ShipmentsTable {
  id: string;
  order_id: string;
  shop_id: string;
  carrier: string;
  tracking_no: string;
  status: string; // in_transit | delivered
  created_at: number;
  delivered_at: number | null;
}

export interface ShipmentLinesTable {
  shipment_id: string;
  order_line_id: string;
  order_id: string;
}

export interface PaymentsTable {
  id: string;
  checkout_id: string;
  buyer_id: string;
  provider: string;
  amount_fen: number;
  status: string; // pending | succeeded | failed | closed
  provider_txn_id: string | null;
  cashier_url: string | null;
  created_at: number;
  expires_at: number;
  paid_at: number | null;
  updated_at: number;
}

export interface PaymentNotificationsTable {
  provider: string;
  event_id: string;
  kind: string;
  provider_txn_id: string;
  outcome: string; // applied | duplicate | ignored | rejected
  received_at: number;
  payload: string;
}

/** A refund's state (the payments module's machine, payments/payment-states.ts). Declared here so the column is typed with it. */
export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export interface RefundsTable {
  id: string;
  payment_id: string;
  order_id: string;
  amount_fen: number;
  status: RefundStatus;
  reason: string;
  request_key: string;
  provider_refund_id: string | null;
  created_at: number;
  completed_at: number | null;
}

export interface OutboxTable {
  id: string;
  topic: string;
  subject_id: string;
  payload: string;
  created_at: number;
  dispatched_at: number | null;
}

export interface SandboxTxnsTable {
  id: string;
  merchant_ref: string;
  amount_fen: number;
  description: string;
  status: string; // created | paid | failed | closed
  notify_url: string;
  return_url: string;
  created_at: number;
  expires_at: number;
  paid_at: number | null;
  refunded_fen: number;
}

export interface SandboxRefundsTable {
  id: string;
  txn_id: string;
  amount_fen: number;
  request_key: string;
  status: string; // succeeded
  created_at: number;
}

export interface SandboxDeliveriesTable {
  id: string;
  url: string;
  body: string;
  attempts: number;
  next_attempt_at: number;
  delivered_at: number | null;
  last_error: string | null;
  created_at: number;
}

import type { AffiliateTables } from './schema-affiliate.js';
import type { AftersalesTables } from './schema-aftersales.js';
import type { CapacityTables } from './schema-capacity.js';
import type { SupplyTables } from './schema-supply.js';
import type { ContentTables } from './schema-content.js';
import type { LogisticsTables } from './schema-logistics.js';
import type { EventsTables } from './schema-events.js';
import type { LedgerTables } from './schema-ledger.js';
import type { SearchTables } from './schema-search.js';
import type { RulesTables } from './schema-rules.js';
import type { LiveTables } from './schema-live.js';
import type { GovernanceTables } from './schema-governance.js';
import type { ReviewsTables } from './schema-reviews.js';
import type { ModerationTables } from './schema-moderation.js';
import type { ViolationsTables } from './schema-violations.js';
import type { ExperienceTables } from './schema-experience.js';
import type { ServiceTables } from './schema-service.js';
import type { OpenPlatformTables } from './schema-openplatform.js';
import type { AdsTables } from './schema-ads.js';
import type { AnalyticsTables } from './schema-analytics.js';
import type { ModelTables } from './schema-models.js';

export interface Database
  extends ContentTables,
    EventsTables,
    SearchTables,
    LedgerTables,
    RulesTables,
    LogisticsTables,
    CapacityTables,
    AftersalesTables,
    SupplyTables,
    AffiliateTables,
    LiveTables,
    GovernanceTables,
    ReviewsTables,
    ModerationTables,
    ViolationsTables,
    ExperienceTables,
    ServiceTables,
    OpenPlatformTables,
    AdsTables,
    AnalyticsTables,
    ModelTables {
  settings: SettingsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  addresses: AddressesTable;
  shops: ShopsTable;
  shop_members: ShopMembersTable;
  categories: CategoriesTable;
  products: ProductsTable;
  skus: SkusTable;
  product_images: ProductImagesTable;
  cart_items: CartItemsTable;
  favourites: FavouritesTable;
  idempotency_keys: IdempotencyKeysTable;
  checkouts: CheckoutsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_transitions: OrderTransitionsTable;
  stock_reservations: StockReservationsTable;
  shipments: ShipmentsTable;
  shipment_lines: ShipmentLinesTable;
  payments: PaymentsTable;
  payment_notifications: PaymentNotificationsTable;
  refunds: RefundsTable;
  outbox: OutboxTable;
  sandbox_txns: SandboxTxnsTable;
  sandbox_refunds: SandboxRefundsTable;
  sandbox_deliveries: SandboxDeliveriesTable;
}
