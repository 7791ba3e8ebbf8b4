/**
 * product.addV2 / product.editV2 through the catalogue's createProduct / updateProduct (its rules
 * and the rule book of red lines apply: a rejected text answers 50002 with CONTENT_REJECTED).
 * Pictures are not fetched from URLs: the product's images are uploaded in the console.
 */
import { createProduct, setProductStatus, updateProduct } from '../catalog/index.js';
import { badBusinessParam } from './envelope.js';
import type { OpenCall } from './call.js';
import { internalIdOf, openIdsOf } from './open-ids.js';
import { optBool, optInt, optStr, reqInt, reqStr, type Params } from './params.js';
import { formatGmt8 } from './signing.js';

/** `颜色|黑,白^尺码|S,M` → spec options (at most 3). Pure. */
export function parseSpecs(specs: string): Array<{ name: string; values: string[] }> {
  const out = specs
    .split('^')
    .filter(Boolean)
    .map((part) => {
      const [name, values] = part.split('|');
      const vals = (values ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      if (!name?.trim() || vals.length === 0) throw badBusinessParam(10001, 'specs格式应为“规格名|值1,值2^规格名|值1”');
      return { name: name.trim(), values: vals };
    });
  if (out.length > 3) throw badBusinessParam(10001, 'specs最多3组');
  return out;
}

function parseSkus(
  raw: string,
  options: Array<{ name: string; values: string[] }>,
): Array<{ specValues: string[]; priceFen: number; stock: number }> {
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw badBusinessParam(10001, 'spec_prices应为JSON数组字符串');
  }
  if (!Array.isArray(list) || list.length === 0 || list.length > 200)
    throw badBusinessParam(10001, 'spec_prices应为1–200个SKU');
  return list.map((x) => {
    const sku = (x && typeof x === 'object' ? x : {}) as Params;
    const specValues = options.map((_, i) => optStr(sku, `spec_detail_name${i + 1}`, 60) ?? '');
    if (specValues.some((v, i) => !options[i]!.values.includes(v)))
      throw badBusinessParam(10001, 'spec_detail_name不在specs中');
    return { specValues, priceFen: reqInt(sku, 'price', { min: 1 }), stock: reqInt(sku, 'stock_num', { min: 0 }) };
  });
}

async function leafCategory(call: OpenCall): Promise<string> {
  const num = reqInt(call.params, 'category_leaf_id', { min: 1 });
  const id = await internalIdOf(call.ctx.db, 'category', num);
  if (!id) throw badBusinessParam(10002, '类目不存在');
  return id;
}

export async function addV2(call: OpenCall): Promise<unknown> {
  const p = call.params;
  if ((optInt(p, 'product_type', { min: 0 }) ?? 0) !== 0)
    throw badBusinessParam(10001, '仅支持普通商品（product_type=0）');
  const categoryId = await leafCategory(call);
  const name = reqStr(p, 'name', 60);
  const description = optStr(p, 'description', 5000) ?? '';
  const options = parseSpecs(reqStr(p, 'specs', 1000));
  const skus = parseSkus(reqStr(p, 'spec_prices', 100_000), options);
  const commit = optBool(p, 'commit') ?? false;
  const created = await createProduct(call.ctx, call.actor, call.shopId, {
    categoryId,
    title: name,
    description,
    specOptions: options,
    skus,
    status: commit ? 'listed' : 'draft',
  });
  const [pnum, snums] = await Promise.all([
    openIdsOf(call.ctx.db, 'product', [created.id]),
    openIdsOf(call.ctx.db, 'sku', created.skuIds),
  ]);
  return {
    product_id: Number(pnum.get(created.id)),
    product_id_str: pnum.get(created.id),
    out_product_id: 0,
    outer_product_id: '',
    create_time: formatGmt8(call.ctx.clock.now()),
    sku: created.skuIds.map((id, i) => ({
      sku_id: Number(snums.get(id)),
      code: '',
      outer_sku_id: '',
      spec_detail_ids: skus[i]!.specValues.map((v, k) => (k + 1) * 1000 + options[k]!.values.indexOf(v) + 1),
    })),
  };
}

export async function editV2(call: OpenCall): Promise<unknown> {
  const p = call.params;
  const num = reqInt(p, 'product_id', { min: 1 });
  const commit = optBool(p, 'commit');
  if (commit === undefined) throw badBusinessParam(10001, '缺少commit');
  const id = await internalIdOf(call.ctx.db, 'product', num);
  const row = id
    ? await call.ctx.db
        .selectFrom('products')
        .select(['id', 'shop_id', 'title', 'description', 'status'])
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row || row.shop_id !== call.shopId) throw badBusinessParam(10002, '商品不存在');
  const name = optStr(p, 'name', 60);
  const description = optStr(p, 'description', 5000);
  const categoryId = p.category_leaf_id === undefined ? undefined : await leafCategory(call);
  if (name !== undefined || description !== undefined || categoryId !== undefined) {
    await updateProduct(call.ctx, call.actor, row.id, {
      title: name ?? row.title,
      description: description ?? row.description,
      ...(categoryId ? { categoryId } : {}),
    });
  }
  if (commit && row.status === 'draft') await setProductStatus(call.ctx, call.actor, row.id, 'listed');
  return {};
}
