/** Request and response shapes of the /api/v1 HTTP API (plain types, no runtime code). */
import type { Answer } from './contract';

export interface UserRole {
  role: string; // 'shopper' | 'merchant' | 'creator' | 'admin' | …
  shopId: string | null;
}

export interface User {
  id: string;
  login: string;
  displayName: string;
  roles: UserRole[];
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface DemoLogin {
  role: string;
  login: string;
  password: string;
  displayName: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ProductSummary {
  id: string;
  title: string;
  shopId: string;
  shopName: string;
  priceFen: number;
  originalPriceFen: number | null;
  imageUrl: string | null;
  sales: number;
}

export interface SpecOption {
  name: string;
  values: string[];
}

export interface Sku {
  id: string;
  specValues: string[];
  priceFen: number;
  originalPriceFen: number | null;
  stock: number;
}

export interface ProductDetail {
  id: string;
  title: string;
  description: string;
  status: string; // 'listed' | 'draft' | 'delisted'
  shop: { id: string; name: string; origin?: string | null };
  categoryId?: string;
  rules?: { shipByHours: number; perishable: boolean };
  /** What the shop can promise right now: in stock, or pre-sale with an honest date (surge protection). */
  promise?: { kind: 'in_stock'; shipWithinHours: number } | { kind: 'presale'; shipBy: number };
  salesPaused?: boolean;
  specOptions: SpecOption[];
  skus: Sku[];
  images: string[];
  sales: number;
  /** How many people have it in their favourites (收藏). */
  favourites?: number;
}

export interface Attribution {
  source: string; // 'shelf' | 'video' | 'live' | …
  contentId?: string | null;
  creatorId?: string | null;
}

export interface LineInput {
  skuId: string;
  quantity: number;
  attribution: Attribution;
}

export type CheckoutResult = Answer<'/api/v1/checkout', 'post'>;

export interface MerchantShop {
  id: string;
  name: string;
  role: string;
}

export interface MerchantOrder {
  id: string;
  status: string;
  totalFen: number;
  createdAt: number;
  buyerName: string;
}
