/** Fixtures for after-sales tests: a shop, a paid (shipped, delivered) order, evidence photos. */
import type { Actor } from '../../context.js';
import { checkout } from '../../checkout/index.js';
import { markShipmentDelivered, applyNotification } from '../../orders/index.js';
import { createCategory } from '../../catalog/index.js';
import { makePerson, makeShop, type ShopFixture, type TestCore } from '../../test-support/index.js';
import { uploadEvidence } from '../evidence.js';
import { shipOrder } from '../../logistics/index.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface World {
  core: TestCore;
  shop: ShopFixture;
  buyer: Actor;
  stranger: Actor;
  admin: Actor;
}

/** A shop selling a perishable product (the harness's oranges at ¥29.90 and ¥49.90), or a non-perishable one. */
export async function world(
  core: TestCore,
  name: string,
  opts: { perishable?: boolean; stock?: number } = {},
): Promise<World> {
  const perishable = opts.perishable ?? true;
  const category = perishable
    ? undefined
    : (
        await createCategory(core.ctx, null, {
          name: `厨具-${name}`,
          shipByHours: 48,
          perishable: false,
          feeRateBp: 300,
        })
      ).id;
  const shop = await makeShop(core, `${name}-shop`, opts.stock ?? 100, category);
  const buyer = await makePerson(core, `${name}-buyer`);
  const stranger = await makePerson(core, `${name}-stranger`);
  const admin = await makePerson(core, `${name}-admin`, ['admin'], false);
  return { core, shop, buyer, stranger, admin };
}

let txn = 0;

export interface Bought {
  orderId: string;
  lineId: string;
  totalFen: number;
  lineTotalFen: number;
}

/** The buyer checks the items out from the shelf and pays (the notification applied in-process). */
async function checkoutAndPay(w: World, items: Array<{ sku: number; quantity: number }>) {
  const c = (
    await checkout(w.core.ctx, w.buyer, {
      items: items.map((i) => ({
        skuId: w.shop.skuIds[i.sku]!,
        quantity: i.quantity,
        attribution: { source: 'shelf' },
      })),
    })
  ).body;
  txn++;
  await applyNotification(
    w.core.ctx,
    'sandbox',
    {
      eventId: `as-ev${txn}-${c.payment.id}`,
      kind: 'payment.succeeded',
      paymentId: c.payment.id,
      providerTxnId: `sbx_as_${txn}_${c.payment.id}`,
      amountFen: c.totalFen,
      at: 0,
    },
    '{}',
  );
  return { orderId: c.orders[0]!.id, totalFen: c.totalFen };
}

/** The buyer buys `quantity` of the shop's SKU `sku` and pays (the payment notification is applied in-process). */
export async function buyAndPay(w: World, quantity = 1, sku = 0): Promise<Bought> {
  const { orderId, totalFen } = await checkoutAndPay(w, [{ sku, quantity }]);
  const line = await w.core.ctx.db
    .selectFrom('order_lines')
    .select(['id', 'line_total_fen'])
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  return { orderId, lineId: line.id, totalFen, lineTotalFen: Number(line.line_total_fen) };
}

/** A paid order of one unit of each of the shop's first two SKUs; its line ids in id order. */
export async function buyTwoAndPay(w: World): Promise<{ orderId: string; lineIds: string[] }> {
  const { orderId } = await checkoutAndPay(w, [
    { sku: 0, quantity: 1 },
    { sku: 1, quantity: 1 },
  ]);
  const lines = await w.core.ctx.db
    .selectFrom('order_lines')
    .select('id')
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  return { orderId, lineIds: lines.map((l) => l.id) };
}

let tracking = 0;

export async function ship(w: World, orderId: string): Promise<string> {
  tracking++;
  const shipped = await shipOrder(w.core.ctx, w.shop.owner, orderId, [
    { carrier: '顺丰速运', trackingNo: `SFAS${String(tracking).padStart(8, '0')}` },
  ]);
  return shipped.shipmentIds[0]!;
}

/** Bought, paid, shipped and delivered now. */
export async function delivered(w: World, quantity = 1): Promise<Bought> {
  const b = await buyAndPay(w, quantity);
  const shipmentId = await ship(w, b.orderId);
  await markShipmentDelivered(w.core.ctx, w.shop.owner, shipmentId);
  return b;
}

export async function photo(w: World, who: Actor = w.buyer): Promise<string> {
  return (await uploadEvidence(w.core.ctx, who, TINY_PNG)).id;
}

/** Rejects with the DomainError code (and checks the HTTP status when given). */
export async function rejectsWith(p: Promise<unknown>, code: string, status?: number): Promise<void> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; status?: number };
    if (err.code !== code || (status !== undefined && err.status !== status))
      throw new Error(`expected ${code}${status ? ` ${status}` : ''}, got ${err.code} ${err.status}: ${String(e)}`);
    return;
  }
  throw new Error(`expected ${code}, but it succeeded`);
}
