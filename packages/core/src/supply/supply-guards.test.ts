import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { gradientPng } from '../demo/index.js';
import { createBase, deleteBase, getBase, listBases, updateBase } from './bases.js';
import { createBatch, deleteBatch, updateBatch } from './batches.js';
import { batchDetail, listBatches } from './batch-views.js';
import { uploadSupplyPhoto } from './photos.js';
import { addQcRecord } from './qc.js';
import { supplierQuality } from './quality-report.js';
import { receiveBatch } from './receive.js';
import { createSupplier, deleteSupplier, getSupplier, listSuppliers, updateSupplier } from './suppliers.js';
import { DAY, makeSupplier } from './test-support/supply-fixtures.js';

const TABLES = [
  'suppliers',
  'production_bases',
  'supply_batches',
  'supply_qc_records',
  'supply_photos',
  'order_line_batches',
] as const;

async function supplyRows(core: TestCore): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const t of TABLES) out[t] = await core.ctx.db.selectFrom(t).selectAll().execute();
  out.skus = await core.ctx.db.selectFrom('skus').select(['id', 'stock']).orderBy('id').execute();
  return out;
}

test('bad input is refused with a stable code and writes nothing', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'bad-supply-shop', 10);
    const f = await makeSupplier(core, shop.owner, shop.shopId);
    const { ctx } = core;
    const now = core.clock.now();
    const batch = {
      skuId: shop.skuIds[0]!,
      supplierId: f.supplierId,
      baseId: f.baseId,
      code: 'OK-001',
      harvestedAt: now - DAY,
      quantity: 10,
    };
    const pending = await createBatch(ctx, shop.owner, shop.shopId, batch);
    const other = await createSupplier(ctx, shop.owner, shop.shopId, { name: '另一家合作社' });
    const before = await supplyRows(core);

    const cases: Array<[string, () => Promise<unknown>, string]> = [
      [
        'harvest tomorrow',
        () => createBatch(ctx, shop.owner, shop.shopId, { ...batch, code: 'F-1', harvestedAt: now + DAY }),
        'DATE_IN_FUTURE',
      ],
      [
        'harvest a millisecond ahead',
        () => createBatch(ctx, shop.owner, shop.shopId, { ...batch, code: 'F-2', harvestedAt: now + 1 }),
        'DATE_IN_FUTURE',
      ],
      [
        'harvest in 1999',
        () => createBatch(ctx, shop.owner, shop.shopId, { ...batch, code: 'F-3', harvestedAt: Date.UTC(1999, 0, 1) }),
        'INVALID_INPUT',
      ],
      [
        'negative quantity',
        () => createBatch(ctx, shop.owner, shop.shopId, { ...batch, code: 'Q-1', quantity: -5 }),
        'INVALID_INPUT',
      ],
      [
        'zero quantity',
        () => createBatch(ctx, shop.owner, shop.shopId, { ...batch, code: 'Q-2', quantity: 0 }),
        'INVALID_INPUT',
      ],
      [
        'fractional quantity',
        () => createBatch(ctx, shop.owner, shop.shopId, { ...batch, code: 'Q-3', quantity: 1.5 }),
        'INVALID_INPUT',
      ],
      [
        'negative quantity on edit',
        () => updateBatch(ctx, shop.owner, pending.id, { ...batch, quantity: -1 }),
        'INVALID_INPUT',
      ],
      [
        'zero shelf life',
        () => createBatch(ctx, shop.owner, shop.shopId, { ...batch, code: 'S-1', shelfLifeDays: 0 }),
        'INVALID_INPUT',
      ],
      ['code with spaces', () => createBatch(ctx, shop.owner, shop.shopId, { ...batch, code: 'A B' }), 'INVALID_INPUT'],
      ['code used already', () => createBatch(ctx, shop.owner, shop.shopId, batch), 'BATCH_CODE_TAKEN'],
      [
        'base of another supplier',
        () => createBatch(ctx, shop.owner, shop.shopId, { ...batch, code: 'M-1', supplierId: other.id }),
        'BASE_SUPPLIER_MISMATCH',
      ],
      ['supplier without a name', () => createSupplier(ctx, shop.owner, shop.shopId, { name: '   ' }), 'INVALID_INPUT'],
      [
        'supplier name taken',
        () => createSupplier(ctx, shop.owner, shop.shopId, { name: '另一家合作社' }),
        'SUPPLIER_NAME_TAKEN',
      ],
      [
        'base of an unknown kind',
        () =>
          createBase(ctx, shop.owner, shop.shopId, { name: '月球基地', kind: 'moon', province: '云南', city: '大理' }),
        'INVALID_INPUT',
      ],
      [
        'base photo that does not exist',
        () =>
          createBase(ctx, shop.owner, shop.shopId, {
            name: '新基地',
            kind: 'farm',
            province: '云南',
            city: '大理',
            photoId: 'sph_00000000000000000000000000',
          }),
        'NOT_FOUND',
      ],
      [
        'QC dated tomorrow',
        () => addQcRecord(ctx, shop.owner, pending.id, { result: 'pass', inspector: '王质检', checkedAt: now + DAY }),
        'DATE_IN_FUTURE',
      ],
      [
        'QC result maybe',
        () => addQcRecord(ctx, shop.owner, pending.id, { result: 'maybe', inspector: '王质检' }),
        'INVALID_INPUT',
      ],
      [
        'QC with seven photos',
        () =>
          addQcRecord(ctx, shop.owner, pending.id, {
            result: 'pass',
            inspector: '王质检',
            photoIds: Array.from({ length: 7 }, (_, i) => `sph_${String(i).padStart(26, '0')}`),
          }),
        'INVALID_INPUT',
      ],
      [
        'QC photo that is a text file',
        () => uploadSupplyPhoto(ctx, shop.owner, shop.shopId, Buffer.from('not a photo, just words\n')),
        'UNSUPPORTED_FILE_TYPE',
      ],
      [
        'QC photo that is an SVG',
        () =>
          uploadSupplyPhoto(
            ctx,
            shop.owner,
            shop.shopId,
            Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          ),
        'UNSUPPORTED_FILE_TYPE',
      ],
      [
        'QC photo that is empty',
        () => uploadSupplyPhoto(ctx, shop.owner, shop.shopId, Buffer.alloc(0)),
        'UNSUPPORTED_FILE_TYPE',
      ],
      [
        'QC photo of 6 MB',
        () =>
          uploadSupplyPhoto(
            ctx,
            shop.owner,
            shop.shopId,
            Buffer.concat([gradientPng('#88aa33', 8), Buffer.alloc(6 * 1024 * 1024)]),
          ),
        'FILE_TOO_LARGE',
      ],
      ['delete a supplier in use', () => deleteSupplier(ctx, shop.owner, f.supplierId), 'SUPPLIER_IN_USE'],
      ['delete a base in use', () => deleteBase(ctx, shop.owner, f.baseId), 'BASE_IN_USE'],
    ];
    for (const [what, run, code] of cases) await assert.rejects(run(), { code }, what);
    assert.deepEqual(await supplyRows(core), before, 'refused requests wrote nothing');

    // A photo attaches once: the second record that names it is refused whole.
    const photo = await uploadSupplyPhoto(ctx, shop.owner, shop.shopId, gradientPng('#3f8e4f', 16));
    await addQcRecord(ctx, shop.owner, pending.id, { result: 'pass', inspector: '王质检', photoIds: [photo.id] });
    const records = (await batchDetail(ctx.db, shop.owner, pending.id)).qcRecords.length;
    await assert.rejects(
      addQcRecord(ctx, shop.owner, pending.id, { result: 'pass', inspector: '王质检', photoIds: [photo.id] }),
      { code: 'PHOTO_IN_USE' },
    );
    await assert.rejects(
      addQcRecord(ctx, shop.owner, pending.id, { result: 'pass', inspector: '王质检', photoIds: [photo.id, photo.id] }),
      { code: 'INVALID_INPUT' },
    );
    assert.equal(
      (await batchDetail(ctx.db, shop.owner, pending.id)).qcRecords.length,
      records,
      'no half-written check',
    );
  } finally {
    await core.dispose();
  }
});

test('another shop’s suppliers, bases, batches and photos answer NOT_FOUND, like unknown ids, and stay untouched', async () => {
  const core = await openTestCore();
  try {
    const a = await makeShop(core, 'scope-a', 10);
    const b = await makeShop(core, 'scope-b', 10);
    const fa = await makeSupplier(core, a.owner, a.shopId);
    const fb = await makeSupplier(core, b.owner, b.shopId, '舟山渔业合作社');
    const { ctx } = core;
    const now = core.clock.now();
    const batchA = await createBatch(ctx, a.owner, a.shopId, {
      skuId: a.skuIds[0]!,
      supplierId: fa.supplierId,
      code: 'A-001',
      harvestedAt: now - DAY,
      quantity: 5,
    });
    const photoA = await uploadSupplyPhoto(ctx, a.owner, a.shopId, gradientPng('#aa5533', 16));
    const before = await supplyRows(core);
    const B = b.owner;
    const base = { name: '偷来的基地', kind: 'farm', province: '云南', city: '昆明' };
    const fields = { supplierId: fa.supplierId, code: 'A-001', harvestedAt: now - DAY, quantity: 9 };
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['list suppliers', () => listSuppliers(ctx.db, B, a.shopId)],
      ['read supplier', () => getSupplier(ctx.db, B, fa.supplierId)],
      ['edit supplier', () => updateSupplier(ctx, B, fa.supplierId, { name: '改名' })],
      ['delete supplier', () => deleteSupplier(ctx, B, fa.supplierId)],
      ['add supplier', () => createSupplier(ctx, B, a.shopId, { name: '新供应商' })],
      ['list bases', () => listBases(ctx.db, B, a.shopId)],
      ['read base', () => getBase(ctx.db, B, fa.baseId)],
      ['edit base', () => updateBase(ctx, B, fa.baseId, base)],
      ['delete base', () => deleteBase(ctx, B, fa.baseId)],
      ['add base', () => createBase(ctx, B, a.shopId, base)],
      ['own base with A’s supplier', () => createBase(ctx, B, b.shopId, { ...base, supplierId: fa.supplierId })],
      ['own base with A’s photo', () => createBase(ctx, B, b.shopId, { ...base, photoId: photoA.id })],
      ['list batches', () => listBatches(ctx.db, B, a.shopId, { limit: 10 })],
      ['read batch', () => batchDetail(ctx.db, B, batchA.id)],
      ['edit batch', () => updateBatch(ctx, B, batchA.id, fields)],
      ['delete batch', () => deleteBatch(ctx, B, batchA.id)],
      ['receive batch', () => receiveBatch(ctx, B, batchA.id)],
      ['check batch', () => addQcRecord(ctx, B, batchA.id, { result: 'pass', inspector: '冒充' })],
      ['batch in A', () => createBatch(ctx, B, a.shopId, { ...fields, skuId: a.skuIds[0]!, code: 'B-1' })],
      [
        'own batch of A’s SKU',
        () => createBatch(ctx, B, b.shopId, { ...fields, supplierId: fb.supplierId, skuId: a.skuIds[0]!, code: 'B-2' }),
      ],
      [
        'own batch from A’s supplier',
        () => createBatch(ctx, B, b.shopId, { ...fields, skuId: b.skuIds[0]!, code: 'B-3' }),
      ],
      [
        'own batch at A’s base',
        () =>
          createBatch(ctx, B, b.shopId, {
            ...fields,
            supplierId: fb.supplierId,
            baseId: fa.baseId,
            skuId: b.skuIds[0]!,
            code: 'B-4',
          }),
      ],
      ['upload to A', () => uploadSupplyPhoto(ctx, B, a.shopId, gradientPng('#112233', 16))],
      ['quality of A', () => supplierQuality(ctx.db, B, a.shopId)],
    ];
    for (const [what, run] of attempts) await assert.rejects(run(), { code: 'NOT_FOUND', status: 404 }, what);
    assert.deepEqual(await supplyRows(core), before, 'shop A’s rows are untouched');
    assert.equal((await listSuppliers(ctx.db, B, b.shopId)).items.length, 1, 'B sees only its own supplier');
  } finally {
    await core.dispose();
  }
});
