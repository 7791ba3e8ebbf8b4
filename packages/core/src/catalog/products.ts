import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { assertShopNotPenalised } from '../violations/index.js';
import { requireShopMember } from '../accounts/index.js';
import { invalid, notFound, newId } from '../platform/index.js';
import { requireLeafCategory } from './categories.js';
import { indexProduct } from '../search/index.js';
import { emit } from '../outbox/index.js';
import { compiledOnce } from '../storage/index.js';
import { enforceContent, type FieldHit, type TextField } from '../governance/index.js';
import {
  checkPrice,
  checkProductTransition,
  checkSpecsAndSkus,
  MAX_PRODUCT_DESCRIPTION,
  MAX_PRODUCT_TITLE,
  MIN_PRODUCT_TITLE,
  specKey,
  type ProductStatus,
  type SkuInput,
  type SpecOption,
} from './product-rules.js';

export interface ProductInput {
  categoryId: string;
  title: string;
  description?: string;
  specOptions: SpecOption[];
  skus: SkuInput[];
  status?: 'draft' | 'listed';
}

function checkText(title: string, description: string): void {
  if (title.trim().length < MIN_PRODUCT_TITLE || title.length > MAX_PRODUCT_TITLE)
    throw invalid(`title must be ${MIN_PRODUCT_TITLE}–${MAX_PRODUCT_TITLE} characters`, { field: 'title' });
  if (description.length > MAX_PRODUCT_DESCRIPTION)
    throw invalid(`description is at most ${MAX_PRODUCT_DESCRIPTION} characters`, { field: 'description' });
}

/** The texts of a product the rule book reads: title, description, spec option names and values. */
function productTexts(title: string, description: string, specOptions: readonly SpecOption[] = []): TextField[] {
  const fields: TextField[] = [
    { field: 'title', text: title },
    { field: 'description', text: description },
  ];
  specOptions.forEach((o, i) => {
    fields.push({ field: `specOptions[${i}].name`, text: o.name });
    o.values.forEach((v, j) => fields.push({ field: `specOptions[${i}].values[${j}]`, text: v }));
  });
  return fields;
}

/**
 * Creates a product with its SKUs in one transaction. Its texts pass the rule book first: a
 * reject-severity hit answers 422 CONTENT_REJECTED and nothing is written; review and warn hits
 * come back as `warnings`.
 */
export async function createProduct(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  input: ProductInput,
): Promise<{ id: string; skuIds: string[]; warnings: FieldHit[] }> {
  requireShopMember(actor, shopId);
  const description = input.description ?? '';
  checkText(input.title, description);
  checkSpecsAndSkus(input.specOptions, input.skus);
  await requireLeafCategory(ctx.db, input.categoryId);
  await assertShopNotPenalised(ctx.db, shopId, 'SHOP_CLEARED_OUT', ctx.clock.now()); // cleared out: nothing new listed
  const warnings = await enforceContent(ctx, productTexts(input.title, description, input.specOptions));
  const now = ctx.clock.now();
  const id = newId('product', now);
  const skuIds = input.skus.map(() => newId('sku', now));
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('products')
      .values({
        id,
        shop_id: shopId,
        category_id: input.categoryId,
        title: input.title.trim(),
        description,
        spec_options: JSON.stringify(input.specOptions),
        status: input.status ?? 'draft',
        min_price_fen: Math.min(...input.skus.map((s) => s.priceFen)),
        sales: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('skus')
      .values(
        input.skus.map((s, i) => ({
          id: skuIds[i]!,
          product_id: id,
          shop_id: shopId,
          spec_values: JSON.stringify(s.specValues),
          spec_key: specKey(s.specValues),
          price_fen: s.priceFen,
          original_price_fen: s.originalPriceFen ?? null,
          stock: s.stock,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await indexProduct(tx, id, now);
  });
  return { id, skuIds, warnings };
}

/** Loads a product's shop and checks the caller belongs to it; other shops' products are NOT_FOUND. */
export async function requireOwnProduct(
  ctx: CoreContext,
  actor: Actor,
  productId: string,
): Promise<{ shopId: string; status: string }> {
  const row = await ctx.db
    .selectFrom('products')
    .select(['shop_id', 'status'])
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!row || !actor.shops.has(row.shop_id)) throw notFound('product', productId);
  return { shopId: row.shop_id, status: row.status };
}

/** Edits title, description or category; the texts pass the rule book first (as for createProduct). */
export async function updateProduct(
  ctx: CoreContext,
  actor: Actor,
  productId: string,
  input: { title: string; description?: string; categoryId?: string },
): Promise<{ warnings: FieldHit[] }> {
  const { shopId } = await requireOwnProduct(ctx, actor, productId);
  checkText(input.title, input.description ?? '');
  if (input.categoryId) await requireLeafCategory(ctx.db, input.categoryId);
  const warnings = await enforceContent(ctx, productTexts(input.title, input.description ?? ''));
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('products')
      .set({
        title: input.title.trim(),
        description: input.description ?? '',
        ...(input.categoryId ? { category_id: input.categoryId } : {}),
        updated_at: now,
      })
      .where('id', '=', productId)
      .execute();
    await indexProduct(tx, productId, now);
    await emit(
      tx,
      'product.changed',
      productId,
      { productId, shopId, change: 'content' } satisfies ProductChangedEvent,
      now,
    );
  });
  return { warnings };
}

/** Draft → listed → delisted → listed…, by the table in product-rules; a conditional update so two editors cannot both win. */
export async function setProductStatus(
  ctx: CoreContext,
  actor: Actor,
  productId: string,
  to: ProductStatus,
): Promise<void> {
  const { status, shopId } = await requireOwnProduct(ctx, actor, productId);
  checkProductTransition(status, to);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('products')
      .set({ status: to, updated_at: now })
      .where('id', '=', productId)
      .where('status', '=', status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) checkProductTransition('changed concurrently', to);
    await emit(
      tx,
      'product.changed',
      productId,
      { productId, shopId, change: 'status' } satisfies ProductChangedEvent,
      now,
    );
  });
}

/** The event a product's edit, listing change or price change writes (the open platform pushes it as tag 400). */
export interface ProductChangedEvent {
  productId: string;
  shopId: string;
  change: 'content' | 'status' | 'price';
}

/** The platform delists a listed product (a report upheld); anything not listed is left as it is. */
export async function delistProductByPlatform(tx: Tx, productId: string, now: number): Promise<void> {
  const res = await tx
    .updateTable('products')
    .set({ status: 'delisted', updated_at: now })
    .where('id', '=', productId)
    .where('status', '=', 'listed')
    .returning('shop_id')
    .executeTakeFirst();
  if (res)
    await emit(
      tx,
      'product.changed',
      productId,
      { productId, shopId: res.shop_id, change: 'status' } satisfies ProductChangedEvent,
      now,
    );
}

/** What a reviewer reads of a product: its title and description; null when there is no such product. */
export async function productForReview(
  db: Db | Tx,
  productId: string,
): Promise<{ shopId: string; text: string; status: string } | null> {
  const row = await db
    .selectFrom('products')
    .select(['shop_id', 'title', 'description', 'status'])
    .where('id', '=', productId)
    .executeTakeFirst();
  return row ? { shopId: row.shop_id, text: `${row.title}\n${row.description}`.trim(), status: row.status } : null;
}

/** A SKU's shop and product (every stock correction reads it first), compiled once. */
const skuOwner = compiledOnce((db, v) =>
  db.selectFrom('skus').select(['shop_id', 'product_id']).where('id', '=', v('skuId')),
);

async function requireOwnSku(ctx: CoreContext, actor: Actor, skuId: string): Promise<{ productId: string }> {
  const row = await skuOwner.takeFirst(ctx.db, { skuId });
  if (!row || !actor.shops.has(row.shop_id)) throw notFound('sku', skuId);
  return { productId: row.product_id };
}

export async function updateSkuPrice(
  ctx: CoreContext,
  actor: Actor,
  skuId: string,
  priceFen: number,
  originalPriceFen: number | null,
): Promise<void> {
  const { productId } = await requireOwnSku(ctx, actor, skuId);
  checkPrice(priceFen, originalPriceFen);
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await tx
      .updateTable('skus')
      .set({ price_fen: priceFen, original_price_fen: originalPriceFen, updated_at: now })
      .where('id', '=', skuId)
      .execute();
    const min = await tx
      .selectFrom('skus')
      .select((eb) => eb.fn.min('price_fen').as('m'))
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('products')
      .set({ min_price_fen: Number(min.m), updated_at: now })
      .where('id', '=', productId)
      .execute();
    const owner = await tx
      .selectFrom('products')
      .select('shop_id')
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();
    await emit(
      tx,
      'product.changed',
      productId,
      { productId, shopId: owner.shop_id, change: 'price' } satisfies ProductChangedEvent,
      now,
    );
  });
}

export { requireOwnSku };

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'product.changed': ProductChangedEvent;
  }
}
