/** Coupons, favourites, cart selection and the return from the cashier (English). */
import type zhCN from './wallet.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof zhCN> = {
  wallet: {
    title: 'My coupons',
    tabs: { usable: 'Available', used: 'Used', expired: 'Expired' },
    kind: 'Live-room coupon',
    minSpend: 'On orders over {{amount}}',
    noMin: 'No minimum',
    room: '{{host}}’s live room · “{{room}}”',
    products: 'For {{list}}',
    productsMore: 'For {{list}} and more ({{n}} products)',
    noProducts: 'For the live room’s products',
    validLive: 'While the room is live and 24 hours after it ends',
    validUntil: 'Valid until {{time}}',
    expiredAt: 'Expired {{time}}',
    usedAt: 'Used {{time}}',
    viewOrder: 'View order',
    use: 'Use',
    empty: { usable: 'No coupons to use yet', used: 'No coupons used yet', expired: 'No expired coupons' },
    emptyHint: 'Claim coupons in live rooms; they come off at checkout.',
    more: 'Load more',
  },
  favourites: {
    title: 'My favourites',
    add: 'Favourite',
    added: 'Saved',
    count: '{{n}} saved',
    on: 'Added to favourites',
    off: 'Removed from favourites',
    empty: 'No favourites yet',
    emptyHint: 'Tap “Favourite” on a product to keep it here.',
    unavailable: 'Off sale',
    more: 'Load more',
  },
  cartSelect: {
    all: 'All',
    shop: 'Select everything from {{shop}}',
    line: 'Select {{title}}',
    none: 'Tick the items to check out first',
  },
  payReturn: {
    confirming: 'Confirming your payment…',
    confirmingHint: 'Back from the cashier; waiting for the payment provider’s notice, usually a few seconds.',
    paid: 'Paid — the shop will ship soon',
    slow: 'No payment result yet. If you paid, refresh in a moment; if not, you can still pay.',
    refresh: 'Refresh',
  },
};

export default en;
