/**
 * Seeds the deterministic demo data set through the real services: categories, people, shops,
 * products with images, and buyers' order history in every state (paid through the sandbox
 * gateway's signed notifications, shipped, delivered, completed, cancelled, refunded).
 */
import type { Actor, CoreContext } from '../context.js';
import type { Core } from '../core.js';
import { grantRole, loadActor, register, addAddress, hashPassword } from '../accounts/index.js';
import { createCategory, createShop, createProduct, addProductImage } from '../catalog/index.js';
import type { Attribution } from '../affiliate/index.js';
import { checkout } from '../checkout/index.js';
import { seedDemoCompass } from './seed-compass.js';
import {
  openCashier,
  submitPendingRefunds,
  providerRegistry,
  SandboxGateway,
  SandboxProvider,
} from '../payments/index.js';
import { cancelOrder, confirmReceipt, receiveNotification } from '../orders/index.js';
import { waybillNumber, shipOrder } from '../logistics/index.js';
import { deliverDemoParcel } from './seed-tracking.js';
import { seedDemoService } from './seed-service.js';
import { ManualClock, getSetting, setSetting } from '../platform/index.js';
import { buildDemoCatalog } from './catalog.js';
import { pictureCache, productImagePng } from './demo-pictures.js';
import { seedDemoContent } from './seed-content.js';
import { seedDemoMoney } from './seed-money.js';
import { seedDemoAftersales } from './seed-aftersales.js';
import { seedDemoLive } from './seed-live.js';
import { seedDemoPastLive } from './seed-live-past.js';
import { seedDemoAffiliate } from './seed-affiliate.js';
import { FRESH_SHOPS, LONG_KEEPING_SHOPS, seedDemoSupply, shipDemoFreshOrder } from './seed-supply.js';
import { demoOrderPlacedAt, type DemoOrderPlan } from './order-timeline.js';
import { reviewDemoOrder } from './seed-reviews.js';

export const DEMO_PASSWORD = 'zhongcao-demo';
export const DEMO_DOORS = [
  { role: 'shopper', login: 'demo-shopper' },
  { role: 'merchant', login: 'demo-merchant' },
  { role: 'creator', login: 'demo-creator' },
  { role: 'admin', login: 'demo-admin' },
  { role: 'colonel', login: 'demo-colonel' },
  { role: 'mcn', login: 'demo-mcn' },
] as const;

export type SeedProgress = (stage: string, done: number, total: number) => void;

export async function isDemoSeeded(core: Core): Promise<boolean> {
  return (await getSetting(core.ctx.db, 'demo_seeded_at')) !== null;
}

export interface DemoLogin {
  role: string;
  login: string;
  password: string;
  displayName: string;
}

export async function demoLogins(core: Core): Promise<DemoLogin[] | null> {
  if (!(await isDemoSeeded(core))) return null;
  const rows = await core.ctx.db
    .selectFrom('users')
    .select(['login', 'display_name'])
    .where(
      'login',
      'in',
      DEMO_DOORS.map((d) => d.login),
    )
    .execute();
  return DEMO_DOORS.flatMap((d) => {
    const u = rows.find((r) => r.login === d.login);
    return u ? [{ role: d.role, login: d.login, password: DEMO_PASSWORD, displayName: u.display_name }] : [];
  });
}

const DAY = 24 * 3600 * 1000;

/** Seeds once; returns false when the store already holds the demo. */
export interface SeedOptions {
  /** Number of demo videos (default 240). */
  videos?: number;
}

export async function seedDemo(
  core: Core,
  progress: SeedProgress = () => {},
  options: SeedOptions = {},
): Promise<boolean> {
  if (await isDemoSeeded(core)) return false;
  const data = buildDemoCatalog();
  const realNow = core.ctx.clock.now();
  const clock = new ManualClock(realNow - 30 * DAY);
  // The seed runs on its own clock (history spread over 30 days) with a gateway on that clock, so
  // signatures and payment windows line up; notifications are delivered in-process.
  const gateway = new SandboxGateway(core.ctx.db, core.sandboxSecret, () => clock.now());
  const provider = new SandboxProvider(gateway, core.sandboxSecret, () => clock.now());
  const ctx: CoreContext = { ...core.ctx, clock, payments: providerRegistry([provider], () => 'http://seed.invalid') };
  const deliver = async (): Promise<void> => {
    await gateway.deliverDue(1000, async (_url, body, headers) => {
      await receiveNotification(ctx, 'sandbox', headers, body);
      return 200;
    });
  };

  const categoryIds = new Map<string, string>();
  for (const [i, c] of data.categories.entries()) {
    const created = await createCategory(ctx, null, {
      parentId: c.parentKey ? categoryIds.get(c.parentKey)! : null,
      name: c.name,
      shipByHours: c.rules.shipByHours,
      perishable: c.rules.perishable,
      feeRateBp: c.rules.feeRateBp,
      sort: i,
    });
    categoryIds.set(c.key, created.id);
  }
  progress('categories', data.categories.length, data.categories.length);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = new Map<string, Actor>();
  for (const [i, p] of data.people.entries()) {
    const user = await register(
      ctx,
      {
        login: p.login,
        password: DEMO_PASSWORD,
        displayName: p.displayName,
        roles: p.roles.filter((r) => r !== 'merchant' && r !== 'admin') as never,
      },
      passwordHash,
    );
    if (p.roles.includes('admin')) await grantRole(ctx, user.id, 'admin');
    const actor = await loadActor(ctx.db, user.id);
    if (p.address) await addAddress(ctx, actor, { ...p.address, isDefault: true });
    people.set(p.login, actor);
    progress('people', i + 1, data.people.length);
  }

  const shopIds = new Map<string, string>();
  for (const s of data.shops) {
    const owner = people.get(s.ownerLogin)!;
    const shop = await createShop(ctx, owner, {
      name: s.name,
      description: s.description,
      origin: s.origin,
      shippingFeeFen: s.shippingFeeFen,
      freeShippingOverFen: s.freeShippingOverFen,
    });
    shopIds.set(s.key, shop.id);
    people.set(s.ownerLogin, await loadActor(ctx.db, owner.userId));
  }
  progress('shops', data.shops.length, data.shops.length);

  const owners = new Map(data.shops.map((s) => [s.key, s.ownerLogin]));
  const categoryNames = new Map(data.categories.map((c) => [c.key, c.name]));
  const productImage = pictureCache(productImagePng);
  const listedSkus: Array<{ skuId: string; shopKey: string; priceFen: number; stock: number }> = [];
  const listedProductIds: string[] = [];
  // Interleave shops so the newest-first shelf shows every shop, not one shop's 50 products in a row.
  const byShop = data.shops.map((s) => data.products.filter((p) => p.shopKey === s.key));
  const interleaved = Array.from({ length: Math.max(...byShop.map((l) => l.length)) }, (_, i) =>
    byShop.flatMap((l) => (l[i] ? [l[i]] : [])),
  ).flat();
  for (const [i, p] of interleaved.entries()) {
    const owner = people.get(owners.get(p.shopKey)!)!;
    const status = p.status === 'draft' ? 'draft' : 'listed';
    const created = await createProduct(ctx, owner, shopIds.get(p.shopKey)!, {
      categoryId: categoryIds.get(p.categoryKey)!,
      title: p.title,
      description: p.description,
      specOptions: p.specOptions,
      skus: p.skus,
      status,
    });
    await addProductImage(
      ctx,
      owner,
      created.id,
      productImage({ name: p.imageName, categoryName: categoryNames.get(p.categoryKey)!, color: p.imageColor }),
    );
    if (p.status === 'delisted') {
      await ctx.db.updateTable('products').set({ status: 'delisted' }).where('id', '=', created.id).execute();
    } else if (status === 'listed') {
      listedProductIds.push(created.id);
      p.skus.forEach((s, j) =>
        listedSkus.push({ skuId: created.skuIds[j]!, shopKey: p.shopKey, priceFen: s.priceFen, stock: s.stock }),
      );
    }
    clock.advance(60_000);
    if ((i + 1) % 10 === 0 || i + 1 === data.products.length) progress('products', i + 1, data.products.length);
  }

  // Tea and grain batches first, received before the oldest order: the order history ships from
  // them (fruit and seafood come at the end, with this week's harvest).
  const supplyInput = { ctx, clock, people, shopIds, progress };
  const afterProducts = clock.now();
  clock.set(realNow - 36 * DAY);
  await seedDemoSupply(supplyInput, LONG_KEEPING_SHOPS);
  clock.set(afterProducts);
  // Commission plans, a colonel activity, an MCN contract and demo-creator's showcase, in force before the first order.
  await seedDemoAffiliate({
    ctx,
    clock,
    people,
    listedProductIds,
    password: DEMO_PASSWORD,
    passwordHash,
    realNow,
    progress,
  });

  // Order history: each buyer places a few orders that end in different states, over the last four
  // weeks; those still waiting on a deadline (to ship, to confirm receipt) recently enough that it lies ahead.
  const buyers = data.people.filter((p) => p.address && p.roles.includes('shopper')).map((p) => people.get(p.login)!);
  const plans = [
    'completed',
    'completed',
    'shipped',
    'paid',
    'completed',
    'cancelled',
    'refunded',
    'delivered',
  ] as const;
  const inStock = listedSkus.filter((s) => s.stock >= 20);
  const total = buyers.length * 3;
  let done = 0;
  let pick = 7;
  for (let round = 0; round < 3; round++) {
    for (const [bi, buyer] of buyers.entries()) {
      const plan = plans[(bi + round * 3) % plans.length]!;
      clock.set(demoOrderPlacedAt(realNow, plan, realNow - (28 - round * 9 - (bi % 7)) * DAY, bi + round * 7));
      const first = inStock[(pick = (pick * 31 + 17) % inStock.length)]!;
      const second = inStock[(pick = (pick * 31 + 17) % inStock.length)]!;
      const items: Array<{ skuId: string; quantity: number; attribution: { source: 'shelf' | 'search' } }> = [
        { skuId: first.skuId, quantity: 1 + (bi % 2), attribution: { source: 'shelf' } },
      ];
      if (second.skuId !== first.skuId && bi % 3 === 0)
        items.push({ skuId: second.skuId, quantity: 1, attribution: { source: 'search' as const } });
      await placeOrderInState(ctx, gateway, deliver, clock, buyer, people, items, plan);
      progress('orders', ++done, total);
    }
  }
  // A fresh unpaid order for the demo shopper, still inside its payment window.
  clock.set(realNow - 60_000);
  const shopper = people.get('demo-shopper')!;
  await checkout(ctx, shopper, {
    items: [{ skuId: inStock[3]!.skuId, quantity: 1, attribution: { source: 'shelf' } }],
  });

  await seedDemoMoney({ ctx, clock, people, realNow, deliver, progress });
  clock.set(realNow - 20 * DAY);
  await seedDemoContent({ ctx, clock, people, listedProductIds, videos: options.videos ?? 240, progress });
  await seedVideoOrders(ctx, gateway, deliver, clock, realNow, buyers, people, progress);
  await seedDemoPastLive({
    ctx,
    clock,
    realNow,
    people,
    buyers,
    buy: async (buyer, skuId, attribution) => {
      const placed = await checkout(ctx, buyer, { items: [{ skuId, quantity: 1, attribution }] });
      const { cashierUrl } = await openCashier(ctx, buyer, placed.body.payment.id);
      clock.advance(20_000);
      await gateway.complete(cashierUrl.split('/').pop()!, 'paid');
      await deliver();
    },
  }); // 罗盘 · 直播分析: yesterday evening's room, minute by minute

  clock.set(realNow - 6 * 3600 * 1000);
  await seedDemoSupply(supplyInput, FRESH_SHOPS);
  await shipDemoFreshOrder({ ...supplyInput, gateway, deliver });

  // After-sales cases in several states, on orders of their own (so every open deadline lies ahead).
  const buyPaid = async (buyer: Actor, skuId: string, quantity: number): Promise<string> => {
    const placed = await checkout(ctx, buyer, { items: [{ skuId, quantity, attribution: { source: 'shelf' } }] });
    const { cashierUrl } = await openCashier(ctx, buyer, placed.body.payment.id);
    clock.advance(60_000);
    await gateway.complete(cashierUrl.split('/').pop()!, 'paid');
    await deliver();
    return placed.body.orders[0]!.id;
  };
  await seedDemoAftersales({ ctx, clock, people, realNow, buyPaid, progress });
  await seedDemoService({ ctx, clock, people, realNow }); // customer-service conversations, quick replies and FAQ

  await seedDemoLive(core.ctx, people); // a live room now, on the store's own clock
  await seedDemoCompass(
    core.ctx,
    realNow,
    buyers.map((b) => b.userId),
    progress,
  ); // 罗盘: traffic on the videos, then the rollups from every raw row
  await setSetting(ctx.db, 'demo_seeded_at', String(realNow));
  return true;
}

type Plan = DemoOrderPlan;

/**
 * Orders placed from product cards on the demo videos (attributed to the video and its creator),
 * over the last two weeks, so creators see attributed orders and GMV.
 */
async function seedVideoOrders(
  ctx: CoreContext,
  gateway: SandboxGateway,
  deliver: () => Promise<void>,
  clock: ManualClock,
  realNow: number,
  buyers: Actor[],
  people: Map<string, Actor>,
  progress: SeedProgress,
): Promise<void> {
  const anchored = await ctx.db
    .selectFrom('videos')
    .innerJoin('video_anchors', 'video_anchors.video_id', 'videos.id')
    .innerJoin('skus', 'skus.product_id', 'video_anchors.product_id')
    .select([
      'videos.id as video_id',
      'videos.owner_id',
      'videos.host_kind',
      'videos.published_at',
      'skus.id as sku_id',
    ])
    .where('videos.status', '=', 'published')
    .where('videos.published_at', '<=', realNow - 2 * DAY)
    .where('skus.stock', '>=', 10)
    .orderBy('videos.published_at', 'desc')
    .limit(400)
    .execute();
  const total = Math.min(60, anchored.length);
  for (let i = 0; i < total; i++) {
    const a = anchored[(i * 37) % anchored.length]!;
    const buyer = buyers[(i * 7 + 3) % buyers.length]!;
    const placedAt = Math.min(
      Math.max(a.published_at ?? realNow, realNow - 14 * DAY) + ((i * 5 + 1) % 24) * 3600 * 1000,
      realNow - 3600 * 1000,
    );
    const age = realNow - placedAt;
    const plan: Plan = age > 5 * DAY ? (i % 5 === 0 ? 'refunded' : 'completed') : i % 2 ? 'shipped' : 'paid';
    clock.set(Math.max(demoOrderPlacedAt(realNow, plan, placedAt, i), a.published_at ?? 0));
    const attribution: Attribution = {
      source: 'video',
      contentId: a.video_id,
      creatorId: a.host_kind === 'creator' ? a.owner_id : null,
    };
    await placeOrderInState(
      ctx,
      gateway,
      deliver,
      clock,
      buyer,
      people,
      [{ skuId: a.sku_id, quantity: 1 + (i % 2), attribution }],
      plan,
    );
    progress('video orders', i + 1, total);
  }
}
let trackingSeq = 0;

async function placeOrderInState(
  ctx: CoreContext,
  gateway: SandboxGateway,
  deliver: () => Promise<void>,
  clock: ManualClock,
  buyer: Actor,
  people: Map<string, Actor>,
  items: Array<{ skuId: string; quantity: number; attribution: Attribution }>,
  plan: Plan,
): Promise<void> {
  const placed = await checkout(ctx, buyer, { items });
  if (plan === 'cancelled') {
    for (const o of placed.body.orders) await cancelOrder(ctx, buyer, o.id, '不想要了');
    return;
  }
  const { cashierUrl } = await openCashier(ctx, buyer, placed.body.payment.id);
  clock.advance(2 * 60_000);
  await gateway.complete(cashierUrl.split('/').pop()!, 'paid');
  await deliver();
  if (plan === 'paid') return;
  if (plan === 'refunded') {
    for (const o of placed.body.orders) await cancelOrder(ctx, buyer, o.id, '拍错了规格');
    await submitRefunds(ctx, deliver);
    return;
  }
  const paidAt = clock.now();
  for (const o of placed.body.orders) {
    const merchant = [...people.values()].find((p) => p.shops.has(o.shopId))!;
    clock.set(paidAt + 20 * 3600 * 1000);
    const carrier = trackingSeq % 2 ? '中通快递' : '顺丰速运';
    const shipped = await shipOrder(ctx, merchant, o.id, [
      { carrier, trackingNo: waybillNumber(carrier, 1_400_000_000 + ++trackingSeq * 7919) },
    ]);
    if (plan === 'shipped') continue;
    for (const id of shipped.shipmentIds) await deliverDemoParcel(ctx, clock, id, paidAt + 20 * 3600 * 1000 + 2 * DAY);
    if (plan === 'delivered') continue;
    clock.set(paidAt + 20 * 3600 * 1000 + 3 * DAY);
    await confirmReceipt(ctx, buyer, o.id);
    await reviewDemoOrder(ctx, clock, buyer, o.id);
  }
}

async function submitRefunds(ctx: CoreContext, deliver: () => Promise<void>): Promise<void> {
  await submitPendingRefunds(ctx);
  await deliver();
}
