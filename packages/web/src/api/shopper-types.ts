/** Shapes of the shopper app's calls: content, feed, search, cart, checkout, orders (the answers the server declares come from its contract). */
import type { Answer } from './contract';

export type ProductCardData = Answer<'/api/v1/products', 'get'>['items'][number];
export type ShopInfo = Answer<'/api/v1/shops/{shopId}', 'get'>;
export type Address = Answer<'/api/v1/me/addresses', 'post'>;

/** A feed item: a video card with why the recommend feed shows it, or the ad it is (labelled 广告). Other lists give the plain card. */
export type VideoCard = Answer<'/api/v1/feed', 'get'>['items'][number];
export type VideoAnchor = VideoCard['anchors'][number];
/** A live-room ad: the item is the room's card; entering the room from it is the campaign's conversion. */
export type LiveAdRoom = NonNullable<NonNullable<VideoCard['ad']>['liveRoom']>;
/** "Why this": a reason code with its parameters (creator, title, category, tag). */
export type FeedReason = NonNullable<VideoCard['reason']>;
export type Comment = Answer<'/api/v1/videos/{videoId}/comments', 'post'>;
export type CommentReply = Comment['replies'][number];
export type Profile = Answer<'/api/v1/users/{userId}/profile', 'get'>;
export type Settings = Answer<'/api/v1/me/settings', 'get'>;
export type Cart = Answer<'/api/v1/cart', 'get'>;
export type CartItem = Cart['items'][number];
export type OrderSummary = Answer<'/api/v1/orders', 'get'>['items'][number];
export type OrderLine = OrderSummary['lines'][number];
export type OrderDetail = Answer<'/api/v1/orders/{orderId}', 'get'>;
export type Shipment = OrderDetail['shipments'][number];
/** Compensation owed to the buyer of an order and whether the payment provider has paid it to the original payment. */
export type OrderCompensation = OrderDetail['compensations'][number];

export type FeedTab = 'recommend' | 'following';

export type EventType =
  | 'impression'
  | 'view_progress'
  | 'complete'
  | 'product_tap'
  | 'like'
  | 'share'
  | 'follow'
  | 'not_interested';

export interface ClientEvent {
  type: EventType;
  videoId?: string;
  productId?: string;
  watchMs?: number;
  durationMs?: number;
  at: number;
  clientEventId: string;
}

/** A category with its rule profile and its children. */
export type Category = Answer<'/api/v1/categories', 'get'>['items'][number];

export type AddressInput = Omit<Address, 'id'>;

export type OrderStatus = 'unpaid' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';
