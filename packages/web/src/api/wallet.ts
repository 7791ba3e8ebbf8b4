/** The coupon wallet (我 → 优惠券) and the coupons I hold in a live room. */
import { api } from './client';

const enc = encodeURIComponent;

export type WalletTab = 'usable' | 'used' | 'expired';

export interface WalletCoupon {
  couponId: string;
  tab: WalletTab;
  amountFen: number;
  minSpendFen: number;
  scope: {
    roomId: string;
    roomTitle: string;
    host: { kind: 'creator' | 'shop'; id: string; name: string } | null;
    products: Array<{ id: string; title: string }>;
    productCount: number;
  };
  claimedAt: number;
  /** null while the room is live (good until a day after it ends). */
  validUntil: number | null;
  roomLive: boolean;
  usedOrderId: string | null;
  usedAt: number | null;
}

export const walletApi = {
  tab: (tab: WalletTab, cursor: string | null, limit = 20) => api<{ items: WalletCoupon[]; nextCursor: string | null }>('GET', '/me/coupons', { query: { tab, cursor, limit } }),
  claimedInRoom: (roomId: string) => api<{ couponIds: string[] }>('GET', `/live/rooms/${enc(roomId)}/claimed-coupons`),
};
