/** Test fixtures of the supply module: a shop with a supplier, a base and received batches. */
import type { Actor } from '../../context.js';
import { checkout } from '../../checkout/index.js';
import type { TestCore } from '../../test-support/index.js';
import { createBase } from '../bases.js';
import { createBatch } from '../batches.js';
import { receiveBatch } from '../receive.js';
import { createSupplier } from '../suppliers.js';
import { applyNotification } from '../../orders/index.js';

export const DAY = 24 * 3600 * 1000;

export interface SupplyFixture {
  supplierId: string;
  baseId: string;
}

export async function makeSupplier(
  core: TestCore,
  owner: Actor,
  shopId: string,
  name = '宾川果农合作社',
): Promise<SupplyFixture> {
  const supplier = await createSupplier(core.ctx, owner, shopId, {
    name,
    contactName: '李师傅',
    phone: '13900001111',
    region: '云南·大理',
  });
  const base = await createBase(core.ctx, owner, shopId, {
    name: `${name}基地`,
    kind: 'orchard',
    province: '云南',
    city: '大理',
    description: '海拔 1600 米的柑橘园',
    supplierId: supplier.id,
  });
  return { supplierId: supplier.id, baseId: base.id };
}

let seq = 0;

/** A batch of `quantity` units of a SKU harvested `daysAgo` days ago, received into stock. */
export async function receivedBatch(
  core: TestCore,
  owner: Actor,
  shopId: string,
  f: SupplyFixture,
  skuId: string,
  quantity: number,
  daysAgo: number,
): Promise<string> {
  const batch = await createBatch(core.ctx, owner, shopId, {
    skuId,
    supplierId: f.supplierId,
    baseId: f.baseId,
    code: `B${String(++seq).padStart(6, '0')}`,
    harvestedAt: core.clock.now() - daysAgo * DAY,
    quantity,
    shelfLifeDays: 15,
  });
  await receiveBatch(core.ctx, owner, batch.id);
  return batch.id;
}

/** A paid order of the given SKUs (one shop); returns the order id. */
export async function paidOrderOf(core: TestCore, buyer: Actor, items: Array<[string, number]>): Promise<string> {
  const c = (
    await checkout(core.ctx, buyer, {
      items: items.map(([skuId, quantity]) => ({ skuId, quantity, attribution: { source: 'shelf' as const } })),
    })
  ).body;
  await applyNotification(
    core.ctx,
    'sandbox',
    {
      eventId: `e-${c.payment.id}`,
      kind: 'payment.succeeded',
      paymentId: c.payment.id,
      providerTxnId: `sbx_${c.payment.id}`,
      amountFen: c.totalFen,
      at: 0,
    },
    '{}',
  );
  return c.orders[0]!.id;
}
