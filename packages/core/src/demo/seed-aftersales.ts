/**
 * Demo after-sales cases, loaded after the order and money history, so every console has
 * something to show: a fresh-produce claim waiting for the fruit shop of `demo-merchant` (with
 * its countdown running), one settled by a counter-offer the buyer accepted, a returned parcel
 * waiting for its shop to confirm receipt, and an escalated case in the platform's arbitration
 * queue. Every open case's deadline lies ahead of the real time the seed ends at.
 */
import type { Actor, CoreContext } from '../context.js';
import type { ManualClock } from '../platform/index.js';
import { waybillNumber, shipOrder } from '../logistics/index.js';
import { deliverDemoParcel } from './seed-tracking.js';
import { actOnCase, fileCase, uploadEvidence } from '../aftersales/index.js';
import { gradientPng } from './png.js';

export interface DemoAftersalesInput {
  ctx: CoreContext;
  clock: ManualClock;
  people: Map<string, Actor>;
  /** The real time the seed ends at. */
  realNow: number;
  /** Places and pays an order of one SKU (through the gateway the seed uses); returns the order id. */
  buyPaid: (buyer: Actor, skuId: string, quantity: number) => Promise<string>;
  progress: (stage: string, done: number, total: number) => void;
}

const HOUR = 3600 * 1000;

/** A listed SKU with stock of the shop owned by `ownerLogin`, perishable or not. */
async function skuOf(ctx: CoreContext, owner: Actor, perishable: boolean): Promise<string | null> {
  const shopIds = [...owner.shops.keys()];
  if (shopIds.length === 0) return null;
  const row = await ctx.db
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .select('skus.id')
    .where('products.shop_id', 'in', shopIds)
    .where('products.status', '=', 'listed')
    .where('categories.perishable', '=', perishable ? 1 : 0)
    .where('skus.stock', '>=', 5)
    .orderBy('skus.id')
    .executeTakeFirst();
  return row?.id ?? null;
}

let trackingSeq = 0;

/** An order bought `hoursAgo`, shipped 12 h later and delivered a day after that; returns the order and its line. */
async function deliveredOrder(
  input: DemoAftersalesInput,
  buyer: Actor,
  owner: Actor,
  skuId: string,
  deliveredHoursAgo: number,
): Promise<{ orderId: string; lineId: string }> {
  const { ctx, clock, realNow } = input;
  clock.set(realNow - (deliveredHoursAgo + 36) * HOUR);
  const orderId = await input.buyPaid(buyer, skuId, 1);
  clock.set(realNow - (deliveredHoursAgo + 24) * HOUR);
  const shipped = await shipOrder(ctx, owner, orderId, [
    { carrier: '顺丰速运', trackingNo: waybillNumber('顺丰速运', 1_700_000_000 + ++trackingSeq * 7919) },
  ]);
  for (const id of shipped.shipmentIds) await deliverDemoParcel(ctx, clock, id, realNow - deliveredHoursAgo * HOUR);
  const line = await ctx.db
    .selectFrom('order_lines')
    .select('id')
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  return { orderId, lineId: line.id };
}

export async function seedDemoAftersales(input: DemoAftersalesInput): Promise<number> {
  const { ctx, clock, people, realNow } = input;
  const fruit = people.get('demo-merchant');
  const kitchen = people.get('merchant-kitchen') ?? [...people.values()].find((p) => p.shops.size > 0 && p !== fruit);
  const shopper = people.get('demo-shopper');
  const buyers = ['buyer-01', 'buyer-02', 'buyer-03'].map((l) => people.get(l)).filter((p): p is Actor => Boolean(p));
  if (!fruit || !shopper || buyers.length < 3) return 0;
  const fruitSku = await skuOf(ctx, fruit, true);
  const goodsSku = kitchen ? await skuOf(ctx, kitchen, false) : null;
  const at = (hoursAgo: number) => clock.set(realNow - hoursAgo * HOUR);
  const photo = async (who: Actor, color: string) => (await uploadEvidence(ctx, who, gradientPng(color, 96))).id;
  let made = 0;

  if (fruitSku) {
    // 1. A fresh-produce claim the fruit shop has yet to answer (its 48 h countdown is running).
    const a = await deliveredOrder(input, shopper, fruit, fruitSku, 6);
    at(3);
    await fileCase(ctx, shopper, a.orderId, {
      type: 'fresh_claim',
      orderLineId: a.lineId,
      reasonCode: 'spoiled',
      spoiledPercent: 30,
      note: '到货有三成果子压坏发软，附照片',
      evidence: [await photo(shopper, '#8a6d3b'), await photo(shopper, '#6b8e23')],
    });
    made++;
    // 2. A claim settled by a counter-offer the buyer accepted.
    const b = await deliveredOrder(input, buyers[0]!, fruit, fruitSku, 40);
    at(30);
    const settled = await fileCase(ctx, buyers[0]!, b.orderId, {
      type: 'fresh_claim',
      orderLineId: b.lineId,
      reasonCode: 'damaged',
      spoiledPercent: 50,
      note: '箱子被压扁，一半破损',
      evidence: [await photo(buyers[0]!, '#a0522d')],
    });
    at(28);
    const line = await ctx.db
      .selectFrom('order_lines')
      .select('line_total_fen')
      .where('id', '=', b.lineId)
      .executeTakeFirstOrThrow();
    await actOnCase(ctx, fruit, settled, {
      action: 'counter',
      amountFen: Math.max(1, Math.floor(Number(line.line_total_fen) / 4)),
      note: '快递压坏的部分我们按四分之一先行赔付，望理解',
    });
    at(26);
    await actOnCase(ctx, buyers[0]!, settled, { action: 'accept_counter' });
    made++;
    // 3. A refund the shop rejected, escalated to the platform (the admin's arbitration queue).
    const c = await deliveredOrder(input, buyers[1]!, fruit, fruitSku, 50);
    at(46);
    const disputed = await fileCase(ctx, buyers[1]!, c.orderId, {
      type: 'refund_only',
      orderLineId: c.lineId,
      reasonCode: 'not_as_described',
      note: '果径明显小于描述的 80mm',
      evidence: [await photo(buyers[1]!, '#daa520')],
    });
    at(40);
    await actOnCase(ctx, fruit, disputed, { action: 'reject', reason: '同批次抽检果径达标，照片角度不能说明问题' });
    at(20);
    await actOnCase(ctx, buyers[1]!, disputed, { action: 'escalate', note: '请平台介入' });
    made++;
  }
  if (kitchen && goodsSku) {
    // 4. A return shipped back, waiting for the shop to confirm receipt.
    const d = await deliveredOrder(input, buyers[2]!, kitchen, goodsSku, 60);
    at(50);
    const ret = await fileCase(ctx, buyers[2]!, d.orderId, {
      type: 'return_refund',
      orderLineId: d.lineId,
      reasonCode: 'no_reason',
      note: '七天无理由退货',
    });
    at(44);
    await actOnCase(ctx, kitchen, ret, { action: 'approve', note: '同意退货，请寄回并填写单号' });
    at(8);
    await actOnCase(ctx, buyers[2]!, ret, {
      action: 'ship_return',
      carrier: '中通快递',
      trackingNo: waybillNumber('中通快递', 7_300_000_000 + ++trackingSeq),
    });
    made++;
  }
  input.progress('after-sales cases', made, made);
  return made;
}
