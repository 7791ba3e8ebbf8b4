/**
 * The screens the i18n coverage check walks (e2e/i18n-coverage.test.ts), in one place. A new
 * shopper screen is one more entry in SHOPPER_SCREENS; a new console page needs nothing: the
 * check clicks every entry of each console's left navigation.
 */
import type { Page } from 'playwright-core';

/** What the shopper screens need, looked up over the API before the walk (null: the demo data has none). */
export interface ShopperFixtures {
  productId: string;
  shopId: string;
  liveRoomId: string | null;
  hostId: string | null;
  completedOrderId: string | null;
  cancelledOrderId: string | null;
  caseId: string | null;
  /** Puts the chosen product back in the demo shopper's cart (placing an order takes its lines out). */
  refillCart(): Promise<void>;
}

export interface ShopperScreen {
  name: string;
  /** Opens the screen (the page is signed in as the demo shopper unless `signedOut`); returns false when the demo data has nothing to show. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a screen's opener may return nothing (opened) or false (skipped)
  open(page: Page, f: ShopperFixtures): Promise<boolean | void>;
  signedOut?: boolean;
  /** What the person typed to get here (shown back to them: their words, not the UI's). */
  typed?: string[];
}

const go = (path: string) => async (page: Page) => {
  await page.goto(path);
};

async function productSheetFromFeed(page: Page): Promise<void> {
  await page.goto('/app');
  const current = page.getByTestId('video-current');
  await current.waitFor();
  for (let i = 0; i < 15 && (await current.getByTestId('anchor-card').count()) === 0; i++) {
    const id = await current.getAttribute('data-video-id');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      (prev) => document.querySelector('[data-testid="video-current"]')?.getAttribute('data-video-id') !== prev,
      id,
    );
  }
  await current.getByTestId('anchor-card').click();
  await page.getByTestId('product-sheet').getByTestId('sku-picker').waitFor();
}

export const SHOPPER_SCREENS: ShopperScreen[] = [
  { name: 'landing', signedOut: true, open: go('/') },
  { name: 'login', signedOut: true, open: go('/login') },
  { name: 'register', signedOut: true, open: go('/register') },
  {
    name: 'feed',
    open: async (page) => {
      await page.goto('/app');
      await page.getByTestId('video-current').waitFor();
    },
  },
  { name: 'product-sheet', open: productSheetFromFeed },
  {
    name: 'live-room',
    open: async (page, f) => (f.liveRoomId ? page.goto(`/app/live/${f.liveRoomId}`).then(() => true) : false),
  },
  { name: 'search', open: go(`/app/search?q=${encodeURIComponent('橙子')}`), typed: ['橙子'] },
  { name: 'search-price', open: go('/app/search?q=cha&sort=price_asc'), typed: ['cha'] },
  { name: 'search-videos', open: go('/app/search?q=cha&tab=videos'), typed: ['cha'] },
  { name: 'search-users', open: go('/app/search?q=cha&tab=users'), typed: ['cha'] },
  { name: 'search-live', open: go('/app/search?q=zhibo&tab=live'), typed: ['zhibo'] },
  { name: 'mall', open: go('/app/mall') },
  { name: 'product', open: (page, f) => page.goto(`/app/product/${f.productId}`).then(() => true) },
  { name: 'product-reviews', open: (page, f) => page.goto(`/app/product/${f.productId}/reviews`).then(() => true) },
  { name: 'shop', open: (page, f) => page.goto(`/app/shop/${f.shopId}`).then(() => true) },
  {
    name: 'creator-profile',
    open: async (page, f) => (f.hostId ? page.goto(`/app/u/${f.hostId}`).then(() => true) : false),
  },
  { name: 'cart', open: go('/app/cart') },
  {
    name: 'checkout',
    open: async (page) => {
      await page.goto('/app/checkout?from=cart');
      await page.getByTestId('submit-order').waitFor();
    },
  },
  {
    name: 'cashier',
    open: async (page, f) => {
      await f.refillCart(); // the other language's walk ordered what was there
      await page.goto('/app/checkout?from=cart');
      await page.getByTestId('submit-order').click();
      await page.waitForURL((url) => url.pathname.startsWith('/sandbox/cashier/'));
    },
  },
  { name: 'orders', open: go('/app/orders') },
  {
    name: 'order-completed',
    open: async (page, f) =>
      f.completedOrderId ? page.goto(`/app/orders/${f.completedOrderId}`).then(() => true) : false,
  },
  {
    name: 'order-cancelled',
    open: async (page, f) =>
      f.cancelledOrderId ? page.goto(`/app/orders/${f.cancelledOrderId}`).then(() => true) : false,
  },
  { name: 'aftersales', open: go('/app/aftersales') },
  {
    name: 'aftersales-case',
    open: async (page, f) => (f.caseId ? page.goto(`/app/aftersales/${f.caseId}`).then(() => true) : false),
  },
  { name: 'me', open: go('/app/me') },
  { name: 'addresses', open: go('/app/me/addresses') },
  { name: 'coupons', open: go('/app/me/coupons') },
  { name: 'favourites', open: go('/app/me/favourites') },
  { name: 'my-reviews', open: go('/app/me/reviews') },
  { name: 'messages', open: go('/app/messages') },
  {
    name: 'service-chat',
    open: async (page, f) => {
      await page.goto(`/app/product/${f.productId}`);
      await page.getByTestId('contact-service').click();
      await page.waitForURL((url) => url.pathname.startsWith('/app/service/'));
      await page.getByTestId('chat-input').waitFor();
    },
  },
];

/** The consoles: each is walked through every entry of its left navigation, signed in as its demo person. */
export const CONSOLES = [
  { name: 'merchant', title: '商家后台', root: '/merchant', role: 'merchant' },
  { name: 'creator', title: '达人中心', root: '/creator', role: 'creator' },
  { name: 'admin', title: '平台管理', root: '/admin', role: 'admin' },
  { name: 'colonel', title: '团长中心', root: '/colonel', role: 'colonel' },
  { name: 'mcn', title: 'MCN', root: '/mcn', role: 'mcn' },
] as const;

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };
