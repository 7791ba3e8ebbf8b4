/** Shapes of the shopper app's calls: content, feed, search, cart, checkout, orders. */

export interface VideoAnchor {
  productId: string;
  title: string;
  priceFen: number;
  imageUrl: string | null;
}

export interface VideoCard {
  id: string;
  title: string;
  caption: string;
  hashtags: string[];
  status: 'draft' | 'review' | 'published' | 'removed';
  videoUrl: string;
  posterUrl: string | null;
  durationMs: number | null;
  creator: { id: string; displayName: string; followed: boolean };
  shop: { id: string; name: string } | null;
  hostKind: 'creator' | 'shop';
  anchors: VideoAnchor[];
  stats: { views: number; likes: number; comments: number; shares: number };
  liked: boolean;
  publishedAt: number | null;
  createdAt: number;
  /** Why the recommend feed shows it (absent elsewhere). */
  reason?: FeedReason;
  /** Set when this item is a paid ad (shown labelled 广告). */
  ad?: { impressionId: string; campaignId: string; label: string; liveRoom?: LiveAdRoom };
}

/** A live-room ad: the item is the room's card; entering the room from it is the campaign's conversion. */
export interface LiveAdRoom {
  id: string;
  title: string;
  hostName: string;
  online: number;
}

/** "Why this": a reason code with its parameters (creator, title, category, tag). */
export interface FeedReason {
  code: string;
  params: Record<string, string>;
}

export type FeedTab = 'recommend' | 'following';

export interface CommentReply {
  id: string;
  text: string;
  author: { id: string; displayName: string };
  createdAt: number;
}

export interface Comment extends CommentReply {
  replies: CommentReply[];
  replyCount: number;
}

export interface Profile {
  id: string;
  displayName: string;
  followers: number;
  following: number;
  videos: number;
  followed: boolean;
  isCreator: boolean;
}

export interface Settings {
  personalizedRecommendation: boolean;
}

export type EventType = 'impression' | 'view_progress' | 'complete' | 'product_tap' | 'like' | 'share' | 'follow' | 'not_interested';

export interface ClientEvent {
  type: EventType;
  videoId?: string;
  productId?: string;
  watchMs?: number;
  durationMs?: number;
  at: number;
  clientEventId: string;
}

export interface ProductCardData {
  id: string;
  title: string;
  shopId: string;
  shopName: string;
  categoryId: string;
  priceFen: number;
  originalPriceFen: number | null;
  imageUrl: string | null;
  sales: number;
  status: string;
}

export interface ShopInfo {
  id: string;
  name: string;
  description: string;
  origin: string | null;
  shippingFeeFen: number;
  freeShippingOverFen: number | null;
  status: string;
  createdAt: number;
}

export interface Category {
  id: string;
  parentId: string | null;
  name: string;
  shipByHours: number;
  perishable: boolean;
  children: Category[];
}

export interface Address {
  id: string;
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault: boolean;
}

export type AddressInput = Omit<Address, 'id'>;

export interface CartItem {
  skuId: string;
  productId: string;
  imageUrl: string | null;
  shopId: string;
  shopName: string;
  title: string;
  specValues: string[];
  priceFen: number;
  quantity: number;
  stock: number;
  available: boolean;
  /** Ticked for 结算 (never true for a line that cannot be bought). */
  selected: boolean;
  attribution: { source: string; contentId?: string | null; creatorId?: string | null };
}

export interface Cart {
  items: CartItem[];
  /** Lines in the cart (the tab's badge). */
  count: number;
  /** Units in the selected lines. */
  selectedQuantity: number;
  /** The selected lines' total before shipping and coupons. */
  totalFen: number;
}

export type OrderStatus = 'unpaid' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';

export interface OrderLine {
  id: string;
  productId: string;
  imageUrl: string | null;
  skuId: string;
  title: string;
  specValues: string[];
  unitPriceFen: number;
  quantity: number;
  lineTotalFen: number;
  /** The line's after-sales case (open or last), if any. */
  afterSales?: { caseId: string; status: string; type: string } | null;
  /** The after-sales case types the buyer may file on this line now. */
  afterSalesEligible?: string[];
}

export interface OrderSummary {
  id: string;
  shopId: string;
  shopName: string;
  status: OrderStatus;
  /** The goods after any coupon (before it: itemsFen + discountFen). */
  itemsFen: number;
  discountFen: number;
  shippingFeeFen: number;
  totalFen: number;
  createdAt: number;
  payDeadline: number | null;
  lines: OrderLine[];
}

export interface Shipment {
  id: string;
  carrier: string;
  trackingNo: string;
  status: string;
  createdAt: number;
  deliveredAt: number | null;
  lineIds: string[];
}

export interface OrderDetail extends OrderSummary {
  paymentId: string | null;
  paymentStatus: string | null;
  address: Omit<Address, 'id' | 'isDefault'> | null;
  note: string;
  paidAt: number | null;
  shippedAt: number | null;
  deliveredAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  promise: { shipByHours: number; shipBy?: number | null; lateAt?: number | null; presaleShipBy?: number | null; autoConfirmDays?: number; sevenDayNoReason?: boolean } | null;
  shipments: Shipment[];
  transitions: Array<{ from: string; to: string; actorKind: string; reason: string; reasonCode?: string; reasonParams?: Record<string, string | number>; at: number }>;
  refunds: Array<{ id: string; amountFen: number; status: string; reason: string; createdAt: number }>;
  compensations?: OrderCompensation[];
}

/** Compensation owed to the buyer of an order and whether the payment provider has paid it to the original payment. */
export interface OrderCompensation {
  id: string;
  kind: 'late_shipment' | 'return_insurance' | 'manual';
  paidBy: 'merchant' | 'platform';
  amountFen: number;
  status: 'pending' | 'succeeded' | 'failed';
  createdAt: number;
  completedAt: number | null;
}
