/** product.* and sku.list / sku.editPrice, read from the catalogue and written through its services. */
import type { Db } from '../context.js';
import { setProductStatus, updateSkuPrice, firstImages, imageUrl, type ProductStatus } from '../catalog/index.js';
import { badBusinessParam, missingBusinessParam } from './envelope.js';
import type { OpenCall } from './call.js';
import { internalIdOf, openIdsOf } from './open-ids.js';
import { formatGmt8 } from './signing.js';
import { msToSec, optArray, optInt, optStr, reqInt } from './params.js';
import { ownSku } from './methods-stock.js';

/** status: 0 online, 1 offline; check_status: 3 approved, 1 not submitted (a draft). */
const wireStatus = (s: string): 0 | 1 => (s === 'listed' ? 0 : 1);
const wireCheck = (s: string): 1 | 3 => (s === 'draft' ? 1 : 3);

async function ownProduct(call: OpenCall, required = true): Promise<{ id: string; status: string } | null> {
  const raw = optStr(call.params, 'product_id', 20);
  if (raw === undefined) {
    if (optStr(call.params, 'out_product_id')) throw badBusinessParam(10002, '商品不存在（未设置外部编码）');
    if (required) throw missingBusinessParam('product_id');
    return null;
  }
  const id = /^\d{1,16}$/.test(raw) ? await internalIdOf(call.ctx.db, 'product', raw) : null;
  const row = id
    ? await call.ctx.db
        .selectFrom('products')
        .select(['id', 'shop_id', 'status'])
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row || row.shop_id !== call.shopId) throw badBusinessParam(10002, '商品不存在');
  return { id: row.id, status: row.status };
}

async function categoryDetail(db: Db, categoryIds: string[]): Promise<Map<string, Record<string, unknown>>> {
  const cats = await db.selectFrom('categories').select(['id', 'name', 'parent_id']).execute();
  const byId = new Map(cats.map((c) => [c.id, c]));
  const nums = await openIdsOf(
    db,
    'category',
    cats.map((c) => c.id),
  );
  const out = new Map<string, Record<string, unknown>>();
  const names = ['first', 'second', 'third', 'fourth'];
  for (const id of new Set(categoryIds)) {
    const chain: Array<{ id: string; name: string; parent_id: string | null }> = [];
    for (let c = byId.get(id); c && chain.length < 4; c = c.parent_id ? byId.get(c.parent_id) : undefined)
      chain.unshift(c);
    const d: Record<string, unknown> = {};
    names.forEach((n, i) => {
      d[`${n}_cid`] = chain[i] ? Number(nums.get(chain[i]!.id)) : 0;
      d[`${n}_cname`] = chain[i]?.name ?? '';
    });
    out.set(id, d);
  }
  return out;
}

/** product.listV2: page from 1, size 1–100, page × size ≤ 10 000. */
export async function listV2(call: OpenCall): Promise<unknown> {
  const p = call.params;
  const page = reqInt(p, 'page', { min: 1, max: 100 });
  const size = reqInt(p, 'size', { min: 1, max: 100 });
  if (page * size > 10_000) throw badBusinessParam(10001, 'page×size不能超过10000');
  const status = optInt(p, 'status', { min: 0, max: 2 });
  const name = optStr(p, 'name', 60);
  const ids = optArray(p, 'product_id', 100);
  const db = call.ctx.db;
  let q = db.selectFrom('products').where('shop_id', '=', call.shopId);
  if (status === 0) q = q.where('status', '=', 'listed');
  if (status === 1) q = q.where('status', '!=', 'listed');
  if (status === 2) q = q.where('id', '=', '');
  if (name) q = q.where('title', 'like', `%${name.replace(/[%_\\]/g, '')}%`);
  const start = optInt(p, 'start_time', { min: 0 });
  const end = optInt(p, 'end_time', { min: 0 });
  const uStart = optInt(p, 'update_start_time', { min: 0 });
  const uEnd = optInt(p, 'update_end_time', { min: 0 });
  if (start !== undefined) q = q.where('created_at', '>', start * 1000);
  if (end !== undefined) q = q.where('created_at', '<', end * 1000);
  if (uStart !== undefined) q = q.where('updated_at', '>', uStart * 1000);
  if (uEnd !== undefined) q = q.where('updated_at', '<', uEnd * 1000);
  if (ids) {
    const internal = (await Promise.all(ids.map((x) => internalIdOf(db, 'product', String(x))))).filter(
      (x): x is string => x !== null,
    );
    q = q.where('id', 'in', internal.length ? internal : ['']);
  }
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    q
      .select(['id', 'title', 'status', 'category_id', 'created_at', 'updated_at'])
      .orderBy('id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
  ]);
  const [nums, images, cats] = await Promise.all([
    openIdsOf(
      db,
      'product',
      rows.map((r) => r.id),
    ),
    firstImages(
      db,
      rows.map((r) => r.id),
    ),
    categoryDetail(
      db,
      rows.map((r) => r.category_id),
    ),
  ]);
  return {
    page,
    size,
    total: Number(count?.n ?? 0),
    data: rows.map((r) => ({
      product_id: Number(nums.get(r.id)),
      product_id_str: nums.get(r.id),
      name: r.title,
      img: images.has(r.id) ? imageUrl(images.get(r.id)!) : '',
      status: wireStatus(r.status),
      check_status: wireCheck(r.status),
      product_type: 0,
      spec_id: 0,
      create_time: msToSec(r.created_at),
      update_time: msToSec(r.updated_at),
      outer_product_id: '',
      out_product_id: 0,
      category_detail: cats.get(r.category_id) ?? {},
    })),
  };
}

async function skuRows(db: Db, productId: string) {
  const rows = await db
    .selectFrom('skus')
    .select(['id', 'product_id', 'spec_values', 'price_fen', 'stock', 'created_at'])
    .where('product_id', '=', productId)
    .orderBy('id')
    .execute();
  const [nums, pnum, held] = await Promise.all([
    openIdsOf(
      db,
      'sku',
      rows.map((r) => r.id),
    ),
    openIdsOf(db, 'product', [productId]),
    rows.length
      ? db
          .selectFrom('stock_reservations')
          .select(['sku_id', (eb) => eb.fn.sum<number>('quantity').as('q')])
          .where(
            'sku_id',
            'in',
            rows.map((r) => r.id),
          )
          .where('status', '=', 'reserved')
          .groupBy('sku_id')
          .execute()
      : Promise.resolve([]),
  ]);
  const heldBy = new Map(held.map((h) => [h.sku_id, Number(h.q)]));
  return rows.map((r) => ({
    r,
    num: nums.get(r.id)!,
    productNum: pnum.get(productId)!,
    specs: JSON.parse(r.spec_values) as string[],
    held: heldBy.get(r.id) ?? 0,
  }));
}

/** sku.list: a bare array of the product's SKUs. */
export async function skuList(call: OpenCall): Promise<unknown> {
  const product = (await ownProduct(call))!;
  return (await skuRows(call.ctx.db, product.id)).map(({ r, num, productNum, specs, held }) => ({
    id: Number(num),
    product_id: Number(productNum),
    product_id_str: productNum,
    code: '',
    price: Number(r.price_fen),
    stock_num: Number(r.stock),
    prehold_stock_num: held,
    sku_type: 0,
    stock_map: {},
    spec_detail_name1: specs[0] ?? '',
    spec_detail_name2: specs[1] ?? '',
    spec_detail_name3: specs[2] ?? '',
    sell_properties: [],
    out_sku_id: 0,
    create_time: msToSec(r.created_at),
  }));
}

/** product.detail: times as `yyyy-mm-dd hh:mm:ss` strings. */
export async function detail(call: OpenCall): Promise<unknown> {
  const product = (await ownProduct(call))!;
  const db = call.ctx.db;
  const r = await db.selectFrom('products').selectAll().where('id', '=', product.id).executeTakeFirstOrThrow();
  const [nums, images, skus, cats] = await Promise.all([
    openIdsOf(db, 'product', [r.id]),
    db.selectFrom('product_images').select('file_name').where('product_id', '=', r.id).orderBy('sort').execute(),
    skuRows(db, r.id),
    categoryDetail(db, [r.category_id]),
  ]);
  const options = JSON.parse(r.spec_options) as Array<{ name: string; values: string[] }>;
  const valueId = (i: number, j: number) => (i + 1) * 1000 + j + 1;
  const minOriginal = skus.reduce((m, s) => Math.max(m, Number(s.r.price_fen)), 0);
  return {
    product_id: Number(nums.get(r.id)),
    product_id_str: nums.get(r.id),
    outer_product_id: '',
    name: r.title,
    description: r.description,
    status: wireStatus(r.status),
    check_status: wireCheck(r.status),
    draft_status: 0,
    pic: images.map((i) => imageUrl(i.file_name)),
    img: images[0] ? imageUrl(images[0].file_name) : '',
    create_time: formatGmt8(Number(r.created_at)),
    update_time: formatGmt8(Number(r.updated_at)),
    market_price: minOriginal,
    discount_price: Number(r.min_price_fen),
    freight_id: 0,
    reduce_type: 1,
    category_detail: cats.get(r.category_id) ?? {},
    specs: options.map((o, i) => ({ name: o.name, values: o.values.map((v, j) => ({ id: valueId(i, j), name: v })) })),
    spec_prices: skus.map(({ r: s, num, specs, held }) => ({
      sku_id: Number(num),
      outer_sku_id: '',
      code: '',
      price: Number(s.price_fen),
      stock_num: Number(s.stock),
      sku_type: 0,
      step_stock_num: 0,
      stock_num_map: {},
      prehold_stock_num: held,
      spec_detail_ids: specs.map((v, i) => valueId(i, Math.max(0, options[i]?.values.indexOf(v) ?? 0))),
    })),
  };
}

async function setStatus(call: OpenCall, to: ProductStatus): Promise<unknown> {
  reqInt(call.params, 'product_id', { min: 1 });
  const product = (await ownProduct(call))!;
  if (product.status !== to) await setProductStatus(call.ctx, call.actor, product.id, to);
  return {};
}
export const setOnline = (call: OpenCall) => setStatus(call, 'listed');
export const setOffline = (call: OpenCall) => setStatus(call, 'delisted');

/** sku.editPrice: `price` in fen, through the catalogue's price rules. */
export async function editPrice(call: OpenCall): Promise<unknown> {
  const price = reqInt(call.params, 'price', { min: 1 });
  const sku = await ownSku(call);
  const row = await call.ctx.db
    .selectFrom('skus')
    .select('original_price_fen')
    .where('id', '=', sku.id)
    .executeTakeFirstOrThrow();
  const original =
    row.original_price_fen !== null && Number(row.original_price_fen) > price ? Number(row.original_price_fen) : null;
  await updateSkuPrice(call.ctx, call.actor, sku.id, price, original);
  return {};
}

/** shop.getShopCategory: the children of `cid` (0 = the roots). */
export async function shopCategory(call: OpenCall): Promise<unknown> {
  const cid = reqInt(call.params, 'cid', { min: 0 });
  const db = call.ctx.db;
  const parent = cid === 0 ? null : await internalIdOf(db, 'category', cid);
  if (cid !== 0 && !parent) throw badBusinessParam(10002, '类目不存在');
  const all = await db.selectFrom('categories').select(['id', 'name', 'parent_id']).execute();
  const depth = (id: string | null): number => {
    let d = 0;
    for (let c = all.find((x) => x.id === id); c; c = all.find((x) => x.id === c!.parent_id)) d++;
    return d;
  };
  const kids = all.filter((c) => (c.parent_id ?? null) === parent);
  const nums = await openIdsOf(db, 'category', [...kids.map((c) => c.id), ...(parent ? [parent] : [])]);
  return kids.map((c) => ({
    id: Number(nums.get(c.id)),
    name: c.name,
    level: depth(parent) + 1,
    parent_id: parent ? Number(nums.get(parent)) : 0,
    is_leaf: !all.some((x) => x.parent_id === c.id),
    enable: true,
  }));
}
