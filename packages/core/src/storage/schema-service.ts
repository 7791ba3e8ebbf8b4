/** Row types of the customer-service module's tables (merged into `Database` in schema.ts). */

/** One conversation per buyer and shop (飞鸽会话). */
export interface ServiceConversationsTable {
  id: string;
  buyer_id: string;
  shop_id: string;
  /** open (assigned to a staff member) | queued (waiting for one) | closed (ended by staff or never needed one). */
  status: string;
  assignee_id: string | null;
  /** Bumped each time a closed conversation reopens; a rating is one per session. */
  session_no: number;
  last_seq: number;
  buyer_read_seq: number;
  shop_read_seq: number;
  buyer_unread: number;
  shop_unread: number;
  /** Where it was last opened from: product | order | aftersales | live | direct. */
  source_kind: string;
  source_id: string | null;
  /** A short preview of the last message, for the lists. */
  last_text: string;
  last_message_at: number;
  queued_at: number | null;
  /** Set when the buyer blocked the shop. */
  buyer_blocked_at: number | null;
  /** Set when the shop blocked the buyer. */
  shop_blocked_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ServiceMessagesTable {
  id: string;
  conversation_id: string;
  shop_id: string;
  seq: number;
  side: string; // buyer | shop
  sender_id: string | null;
  kind: string; // text | image | product | order | aftersales
  /** JSON: { text } | { url } | { productId, title, priceFen, imageUrl } | … */
  body: string;
  /** 1 for an automatic answer (away reply, FAQ): never a human reply. */
  auto: number;
  /** 1 when off-platform contacts were masked out of the text. */
  masked: number;
  client_id: string | null;
  created_at: number;
}

export interface ServiceRatingsTable {
  id: string;
  conversation_id: string;
  session_no: number;
  shop_id: string;
  staff_id: string | null;
  stars: number;
  created_at: number;
}

export interface ServiceImagesTable {
  id: string;
  uploader_id: string;
  file_name: string;
  content_type: string;
  bytes: number;
  used: number;
  created_at: number;
}

export interface ServiceStaffTable {
  shop_id: string;
  user_id: string;
  online: number;
  last_assigned_at: number;
  updated_at: number;
}

export interface ServiceSettingsTable {
  shop_id: string;
  max_open: number;
  /** Service hours as minutes after midnight, Asia/Shanghai; from == to means all day. */
  hours_from: number;
  hours_to: number;
  away_text: string;
  updated_at: number;
}

/** Quick replies (kind quick) and keyword FAQ answers (kind faq, with its keyword). */
export interface ServiceSnippetsTable {
  id: string;
  shop_id: string;
  kind: string;
  keyword: string | null;
  text: string;
  created_at: number;
}

export interface ServiceAccessLogTable {
  id: string;
  conversation_id: string;
  admin_id: string;
  case_id: string;
  at: number;
}

export interface ServiceTables {
  service_conversations: ServiceConversationsTable;
  service_messages: ServiceMessagesTable;
  service_ratings: ServiceRatingsTable;
  service_images: ServiceImagesTable;
  service_staff: ServiceStaffTable;
  service_settings: ServiceSettingsTable;
  service_snippets: ServiceSnippetsTable;
  service_access_log: ServiceAccessLogTable;
}
