import type { Generated } from 'kysely';
/** Row types of the open platform's tables (merged into `Database` in schema.ts). */

export interface OpenAppsTable {
  id: string;
  app_key: string; // 19 digits
  name: string;
  kind: string; // self | tool
  owner_id: string;
  shop_id: string | null; // the shop of a self-use app
  secret: string; // needed to check HMAC signatures, so kept (never shown again after creation or rotation)
  status: string; // pending | approved | rejected | suspended
  groups: string; // JSON MethodGroup[]
  callback_url: string;
  push_url: string;
  push_tags: string; // JSON PushTag[]
  ip_allow: string; // JSON string[] (empty: any address)
  review_note: string;
  reviewed_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface OpenAuthCodesTable {
  code_hash: string;
  app_id: string;
  shop_id: string;
  granted_by: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface OpenAuthorizationsTable {
  id: string;
  app_id: string;
  shop_id: string;
  granted_by: string;
  groups: string; // JSON MethodGroup[]
  status: string; // active | revoked
  created_at: number;
  updated_at: number;
  revoked_at: number | null;
}

export interface OpenTokensTable {
  id: string;
  authorization_id: string;
  app_id: string;
  shop_id: string;
  access_hash: string;
  refresh_hash: string;
  access_expires_at: number;
  refresh_expires_at: number;
  /** The access token works until then (its expiry; an hour after a renewal in its last hour; 0 once revoked or replaced). */
  usable_until: number;
  refreshable: number; // 0/1
  created_at: number;
}

export interface OpenRequestsTable {
  app_id: string;
  shop_id: string;
  method: string;
  request_key: string;
  fingerprint: string;
  response: string; // JSON data answered the first time
  created_at: number;
}

export interface OpenIdsTable {
  kind: string; // order | product | sku | aftersale | shop | category
  internal_id: string;
  num_id: string;
}

export interface OpenPushMessagesTable {
  id: string;
  app_id: string;
  shop_id: string;
  msg_id: string;
  tag: string;
  data: string; // the JSON text sent as the message's data
  order_key: string;
  status: string; // pending | waiting | delivered | failed
  attempts: number;
  delivery_id: string | null;
  created_at: number;
  delivered_at: number | null;
}

export interface OpenPushDeliveriesTable {
  id: string;
  app_id: string;
  msg_ids: string; // JSON string[]
  message_count: number;
  outcome: string; // ok | failed
  http_status: number | null;
  error: string | null;
  replay: number; // 0/1
  duration_ms: number;
  created_at: number;
}

export interface OpenPlatformTables {
  open_apps: OpenAppsTable;
  open_auth_codes: OpenAuthCodesTable;
  open_authorizations: OpenAuthorizationsTable;
  open_tokens: OpenTokensTable;
  open_requests: OpenRequestsTable;
  open_ids: OpenIdsTable;
  open_push_messages: OpenPushMessagesTable;
  open_push_deliveries: OpenPushDeliveriesTable;
}

declare module './schema.js' {
  interface OrdersTable {
    /** The shop's own memo on an order (卖家备注), and its flag colour 0–5; set by the orders module's setSellerRemark. */
    seller_remark: Generated<string>;
    seller_remark_star: Generated<number>;
  }
}
