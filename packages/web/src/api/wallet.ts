/** The coupon wallet (我 → 优惠券) and the coupons I hold in a live room. */
import { api } from './client';
import type { Answer } from './contract';

export type WalletCoupon = Answer<'/api/v1/me/coupons', 'get'>['items'][number];

const enc = encodeURIComponent;

export type WalletTab = 'usable' | 'used' | 'expired';

export const walletApi = {
  tab: (tab: WalletTab, cursor: string | null, limit = 20) =>
    api<Answer<'/api/v1/me/coupons', 'get'>>('GET', '/me/coupons', { query: { tab, cursor, limit } }),
  claimedInRoom: (roomId: string) =>
    api<Answer<'/api/v1/live/rooms/{roomId}/claimed-coupons', 'get'>>(
      'GET',
      `/live/rooms/${enc(roomId)}/claimed-coupons`,
    ),
};
