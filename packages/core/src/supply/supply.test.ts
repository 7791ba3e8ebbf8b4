import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { createBatch, updateBatch, deleteBatch } from './batches.js';
import { batchDetail } from './batch-views.js';
import { productOrigin } from './origin.js';
import { addQcRecord } from './qc.js';
import { receiveBatch } from './receive.js';
import { DAY, makeSupplier, paidOrderOf, receivedBatch } from './test-support/supply-fixtures.js';
import { shipOrder } from '../logistics/index.js';
import { orderDetail } from '../orderviews/index.js';

const stockOf = async (core: TestCore, skuId: string) =>
  Number(
    (await core.ctx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock,
  );
const remainingOf = async (core: TestCore, batchId: string) =>
  (
    await core.ctx.db
      .selectFrom('supply_batches')
      .select('remaining')
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow()
  ).remaining;

test('receiving a batch adds exactly its quantity to the SKU’s stock, once; a failed check blocks it until a pass', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'recv-shop', 100);
    const f = await makeSupplier(core, shop.owner, shop.shopId);
    const sku = shop.skuIds[0]!;
    const batch = await createBatch(core.ctx, shop.owner, shop.shopId, {
      skuId: sku,
      supplierId: f.supplierId,
      baseId: f.baseId,
      code: 'BC-2026-001',
      harvestedAt: core.clock.now() - 3 * DAY,
      quantity: 40,
    });
    assert.equal(batch.status, 'pending');
    assert.equal(batch.remaining, 0);
    assert.equal(await stockOf(core, sku), 100, 'recording a batch does not touch stock');

    const received = await receiveBatch(core.ctx, shop.owner, batch.id);
    assert.equal(received.status, 'received');
    assert.equal(received.remaining, 40);
    assert.equal(received.skuStock, 140);
    assert.equal(await stockOf(core, sku), 140);
    await assert.rejects(receiveBatch(core.ctx, shop.owner, batch.id), { code: 'BATCH_ALREADY_RECEIVED' });
    assert.equal(await stockOf(core, sku), 140, 'a second receive adds nothing');
    const fields = {
      supplierId: f.supplierId,
      baseId: f.baseId,
      code: 'BC-2026-001',
      harvestedAt: batch.harvestedAt,
      quantity: 40,
    };
    await assert.rejects(updateBatch(core.ctx, shop.owner, batch.id, { ...fields, quantity: 50 }), {
      code: 'BATCH_ALREADY_RECEIVED',
    });
    assert.equal(
      (await updateBatch(core.ctx, shop.owner, batch.id, { ...fields, note: '冷库 3 号' })).note,
      '冷库 3 号',
    );
    await assert.rejects(deleteBatch(core.ctx, shop.owner, batch.id), { code: 'BATCH_ALREADY_RECEIVED' });

    const second = await createBatch(core.ctx, shop.owner, shop.shopId, {
      skuId: sku,
      supplierId: f.supplierId,
      code: 'BC-2026-002',
      harvestedAt: core.clock.now() - DAY,
      quantity: 25,
    });
    await assert.rejects(
      addQcRecord(core.ctx, shop.owner, second.id, { result: 'fail', inspector: '王质检' }),
      { code: 'INVALID_INPUT' },
      'a failed check says why',
    );
    const failed = await addQcRecord(core.ctx, shop.owner, second.id, {
      result: 'fail',
      inspector: '王质检',
      notes: '糖度不足 11',
      checkedAt: core.clock.now() - 3600_000,
    });
    assert.deepEqual(failed.latestQc, { result: 'fail', checkedAt: core.clock.now() - 3600_000 });
    await assert.rejects(receiveBatch(core.ctx, shop.owner, second.id), { code: 'BATCH_QC_FAILED' });
    assert.equal(await stockOf(core, sku), 140);
    await addQcRecord(core.ctx, shop.owner, second.id, { result: 'pass', inspector: '王质检', notes: '复检合格' });
    assert.equal((await receiveBatch(core.ctx, shop.owner, second.id)).skuStock, 165);
    assert.equal(
      (await batchDetail(core.ctx.db, shop.owner, second.id)).qcRecords.map((q) => q.result).join(),
      'pass,fail',
      'newest check first',
    );
    const events = await core.ctx.db
      .selectFrom('outbox')
      .select('subject_id')
      .where('topic', '=', 'supply.batch_received')
      .execute();
    assert.deepEqual(events.map((e) => e.subject_id).sort(), [batch.id, second.id].sort());
  } finally {
    await core.dispose();
  }
});

test('shipping records each line’s batches FIFO, splitting lines; batches run out into unbatched units, never below zero', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'fifo-shop', 100);
    const buyer = await makePerson(core, 'fifo-buyer');
    const f = await makeSupplier(core, shop.owner, shop.shopId);
    const [sku0, sku1] = shop.skuIds as [string, string];
    const newer = await receivedBatch(core, shop.owner, shop.shopId, f, sku0, 10, 2);
    const older = await receivedBatch(core, shop.owner, shop.shopId, f, sku0, 3, 9); // received later, harvested earlier
    await addQcRecord(core.ctx, shop.owner, older, { result: 'pass', inspector: '王质检', notes: '无损伤' });
    assert.equal(await stockOf(core, sku0), 113);

    let origin = await productOrigin(core.ctx.db, shop.productId, null);
    assert.equal(origin.current?.batch.id, older, 'the product page shows the batch FIFO ships next');
    assert.deepEqual(Object.keys(origin.bySku), [sku0]);
    assert.equal(origin.current?.base?.name, '宾川果农合作社基地');
    assert.equal(origin.current?.base?.province, '云南');
    assert.equal(origin.current?.supplier.name, '宾川果农合作社');
    assert.equal(origin.current?.qc?.result, 'pass');

    const first = await paidOrderOf(core, buyer, [
      [sku0, 5],
      [sku1, 2],
    ]);
    await shipOrder(core.ctx, shop.owner, first, [{ carrier: '顺丰速运', trackingNo: 'SF10000001' }]);
    const rows = await core.ctx.db
      .selectFrom('order_line_batches')
      .select(['batch_id', 'quantity'])
      .where('order_id', '=', first)
      .orderBy('quantity', 'desc')
      .execute();
    assert.deepEqual(
      rows,
      [
        { batch_id: older, quantity: 3 },
        { batch_id: newer, quantity: 2 },
      ],
      'oldest harvest first, split across batches; the SKU without batches records none',
    );
    assert.equal(await remainingOf(core, older), 0);
    assert.equal(await remainingOf(core, newer), 8);

    const detail = await orderDetail(core.ctx.db, buyer, first);
    const line0 = detail.lines.find((l) => l.skuId === sku0)!;
    assert.deepEqual(
      line0.origin.map((o) => [o.batch.id, o.quantity]),
      [
        [older, 3],
        [newer, 2],
      ],
    );
    assert.equal(line0.origin[0]!.qc?.inspector, '王质检');
    assert.equal(line0.origin[0]!.batch.bestBefore, line0.origin[0]!.batch.harvestedAt + 15 * DAY);
    assert.deepEqual(detail.lines.find((l) => l.skuId === sku1)!.origin, []);
    origin = await productOrigin(core.ctx.db, shop.productId, null);
    assert.equal(origin.current?.batch.id, newer, 'the emptied batch is no longer the one on sale');

    const second = await paidOrderOf(core, buyer, [[sku0, 20]]);
    await shipOrder(core.ctx, shop.owner, second, [{ carrier: '顺丰速运', trackingNo: 'SF10000002' }]);
    const rest = await core.ctx.db
      .selectFrom('order_line_batches')
      .select(['batch_id', 'quantity'])
      .where('order_id', '=', second)
      .execute();
    assert.deepEqual(
      rest,
      [{ batch_id: newer, quantity: 8 }],
      'what the batches had; the other 12 units ship unbatched',
    );
    assert.equal(await remainingOf(core, newer), 0);
    assert.equal((await productOrigin(core.ctx.db, shop.productId, null)).current, null);
    assert.deepEqual((await batchDetail(core.ctx.db, shop.owner, newer)).shipped, { units: 10, lines: 2 });
  } finally {
    await core.dispose();
  }
});

test('a draft product’s origin is hidden from shoppers, visible to its shop', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'draft-origin-shop', 10);
    const stranger = await makePerson(core, 'draft-origin-buyer');
    await core.ctx.db.updateTable('products').set({ status: 'draft' }).where('id', '=', shop.productId).execute();
    await assert.rejects(productOrigin(core.ctx.db, shop.productId, null), { code: 'NOT_FOUND' });
    await assert.rejects(productOrigin(core.ctx.db, shop.productId, stranger), { code: 'NOT_FOUND' });
    assert.deepEqual(await productOrigin(core.ctx.db, shop.productId, shop.owner), {
      productId: shop.productId,
      current: null,
      bySku: {},
    });
  } finally {
    await core.dispose();
  }
});

test('parcels shipped at the same time never take more from a batch than it holds', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'race-shop', 100);
    const f = await makeSupplier(core, shop.owner, shop.shopId);
    const sku = shop.skuIds[0]!;
    const batchId = await receivedBatch(core, shop.owner, shop.shopId, f, sku, 7, 1);
    const orders: string[] = [];
    for (let i = 0; i < 4; i++)
      orders.push(await paidOrderOf(core, await makePerson(core, `race-buyer-${i}`), [[sku, 3]]));
    await Promise.all(
      orders.map((id, i) =>
        shipOrder(core.ctx, shop.owner, id, [{ carrier: '中通快递', trackingNo: `ZT2000000${i}` }]),
      ),
    );
    const rows = await core.ctx.db
      .selectFrom('order_line_batches')
      .select('quantity')
      .where('batch_id', '=', batchId)
      .execute();
    assert.equal(
      rows.reduce((n, r) => n + r.quantity, 0),
      7,
      'the 7 units went out once each; the other 5 shipped unbatched',
    );
    assert.equal(await remainingOf(core, batchId), 0);
  } finally {
    await core.dispose();
  }
});
