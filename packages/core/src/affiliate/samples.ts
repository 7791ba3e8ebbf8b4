/**
 * Sample requests (寄样): a creator asks for a sample of a product open to them, to try before
 * promoting it; the merchant approves (a zero-price order is created and ships like any other:
 * stock reserved, ship-by deadline running) or rejects with a reason; the creator may withdraw a
 * waiting request. One waiting request per creator and product, and one sample per product in
 * SAMPLE_COOLDOWN_MS.
 */
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { placeOrders } from '../orders/index.js';
import { profileOfCategory, orderRules } from '../rules/index.js';
import { requireCreator, saleableProduct } from './access.js';
import { offers, requireOpen } from './offers.js';
import { isSampleStatus, SAMPLE_STATES, SAMPLE_STATUSES, type SampleStatus } from './sample-states.js';

export const SAMPLE_COOLDOWN_MS = 30 * 24 * 3600 * 1000;
export const SAMPLE_NOTE_MAX = 200;
export const SAMPLE_PAGE_MAX = 50;

export { SAMPLE_STATUSES, type SampleStatus } from './sample-states.js';

export interface SampleRequestInput {
  productId: string;
  skuId: string;
  addressId?: string | undefined;
  note?: string | undefined;
}

export interface SampleRequestView {
  id: string;
  creatorId: string;
  creatorName: string;
  shopId: string;
  productId: string;
  productTitle: string;
  skuId: string;
  specValues: string[];
  note: string;
  status: SampleStatus;
  reason: string | null;
  orderId: string | null;
  /** Shipping city only: the full address is on the order once approved. */
  city: string;
  createdAt: number;
  decidedAt: number | null;
}

export async function requestSample(
  ctx: CoreContext,
  actor: Actor,
  input: SampleRequestInput,
): Promise<SampleRequestView> {
  requireCreator(actor);
  const note = (input.note ?? '').trim();
  if (note.length > SAMPLE_NOTE_MAX) throw invalid(`note is at most ${SAMPLE_NOTE_MAX} characters`, { field: 'note' });
  const id = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const product = await saleableProduct(tx, input.productId);
    const sku = await tx
      .selectFrom('skus')
      .select(['id'])
      .where('id', '=', input.skuId)
      .where('product_id', '=', product.id)
      .executeTakeFirst();
    if (!sku) throw notFound('sku', input.skuId);
    const { choices } = await offers(tx, {
      creatorId: actor.userId,
      products: [{ productId: product.id, shopId: product.shopId }],
      now,
    });
    const choice = choices.get(product.id)!;
    if (choice.reason === 'self_commission')
      throw new DomainError('SELF_COMMISSION', 'samples of your own shop’s products are not requested', {
        productId: product.id,
      });
    requireOpen(choice, product.id);
    const recent = await tx
      .selectFrom('affiliate_sample_requests')
      .select(['id', 'status'])
      .where('creator_id', '=', actor.userId)
      .where('product_id', '=', product.id)
      .where((w) =>
        w.or([
          w('status', '=', 'requested'),
          w.and([w('status', '=', 'approved'), w('decided_at', '>', now - SAMPLE_COOLDOWN_MS)]),
        ]),
      )
      .executeTakeFirst();
    if (recent)
      throw new DomainError(
        'SAMPLE_ALREADY_REQUESTED',
        recent.status === 'requested'
          ? 'a request for this product is waiting already'
          : 'a sample of this product was sent to you in the last 30 days',
        { requestId: recent.id },
      );
    const address = await creatorAddress(tx, actor.userId, input.addressId);
    const requestId = newId('sampleRequest', now);
    const inserted = await tx
      .insertInto('affiliate_sample_requests')
      .values({
        id: requestId,
        creator_id: actor.userId,
        shop_id: product.shopId,
        product_id: product.id,
        sku_id: sku.id,
        address: JSON.stringify(address),
        note,
        status: 'requested',
        reason: null,
        order_id: null,
        open_key: `${actor.userId}:${product.id}`,
        decided_at: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('open_key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1)
      throw new DomainError('SAMPLE_ALREADY_REQUESTED', 'a request for this product is waiting already');
    await emit(
      tx,
      'affiliate.sample_requested',
      requestId,
      { requestId, shopId: product.shopId, creatorId: actor.userId, productId: product.id },
      now,
    );
    return requestId;
  });
  return (await sampleViews(ctx.db, [id]))[0]!;
}

/** The merchant's answer: approve (a zero-price order is created) or reject with a reason. */
export async function decideSample(
  ctx: CoreContext,
  actor: Actor,
  requestId: string,
  input: { decision: 'approve' | 'reject'; reason?: string | undefined },
): Promise<SampleRequestView> {
  const reason = (input.reason ?? '').trim();
  if (input.decision === 'reject' && reason.length === 0)
    throw invalid('a rejection needs a reason', { field: 'reason' });
  if (reason.length > SAMPLE_NOTE_MAX)
    throw invalid(`reason is at most ${SAMPLE_NOTE_MAX} characters`, { field: 'reason' });
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const req = await tx
      .selectFrom('affiliate_sample_requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirst();
    if (!req || !actor.shops.has(req.shop_id)) throw notFound('sample request', requestId);
    requireShopMember(actor, req.shop_id);
    const to = SAMPLE_STATES.assertTransition(req.status, input.decision, 'merchant');
    const orderId = to === 'approved' ? newId('order', now) : null;
    const moved = await tx
      .updateTable('affiliate_sample_requests')
      .set({ status: to, reason: reason || null, open_key: null, decided_at: now, updated_at: now })
      .where('id', '=', requestId)
      .where('status', '=', req.status)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new DomainError('SAMPLE_NOT_WAITING', `this request is ${req.status} already`, { status: req.status });
    if (orderId) {
      await createSampleOrder(tx, { ...req, order_id: orderId }, actor.userId, now);
      await tx
        .updateTable('affiliate_sample_requests')
        .set({ order_id: orderId })
        .where('id', '=', requestId)
        .execute();
    }
    await emit(
      tx,
      `affiliate.sample_${to}`,
      requestId,
      { requestId, shopId: req.shop_id, creatorId: req.creator_id, orderId },
      now,
    );
  });
  return (await sampleViews(ctx.db, [requestId]))[0]!;
}

export async function cancelSample(ctx: CoreContext, actor: Actor, requestId: string): Promise<SampleRequestView> {
  requireCreator(actor);
  const now = ctx.clock.now();
  const row = await ctx.db
    .selectFrom('affiliate_sample_requests')
    .select(['creator_id', 'status'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!row || row.creator_id !== actor.userId) throw notFound('sample request', requestId);
  const to = SAMPLE_STATES.assertTransition(row.status, 'cancel', 'creator');
  const moved = await ctx.db
    .updateTable('affiliate_sample_requests')
    .set({ status: to, open_key: null, decided_at: now, updated_at: now })
    .where('id', '=', requestId)
    .where('status', '=', row.status)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1)
    throw new DomainError('SAMPLE_NOT_WAITING', `this request is ${row.status} already`, { status: row.status });
  return (await sampleViews(ctx.db, [requestId]))[0]!;
}

/** The creator's requests, newest first. */
export async function mySamples(
  ctx: CoreContext,
  actor: Actor,
  q: { cursor?: string | undefined; limit?: number | undefined } = {},
): Promise<{ items: SampleRequestView[]; nextCursor: string | null }> {
  requireCreator(actor);
  return pageOf(ctx.db, (query) => query.where('creator_id', '=', actor.userId), q);
}

/** A shop's requests, newest first, optionally of one status. */
export async function shopSamples(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  q: { status?: string | undefined; cursor?: string | undefined; limit?: number | undefined } = {},
): Promise<{ items: SampleRequestView[]; nextCursor: string | null }> {
  requireShopMember(actor, shopId);
  const status = q.status;
  if (status !== undefined && !isSampleStatus(status))
    throw invalid(`status must be one of ${SAMPLE_STATUSES.join(', ')}`, { field: 'status' });
  return pageOf(
    ctx.db,
    (query) => {
      let out = query.where('shop_id', '=', shopId);
      if (status) out = out.where('status', '=', status);
      return out;
    },
    q,
  );
}

type SampleQuery = ReturnType<typeof baseQuery>;
const baseQuery = (db: Db) => db.selectFrom('affiliate_sample_requests').select('id');

async function pageOf(
  db: Db,
  filter: (q: SampleQuery) => SampleQuery,
  q: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: SampleRequestView[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > SAMPLE_PAGE_MAX)
    throw invalid(`limit must be 1–${SAMPLE_PAGE_MAX}`, { field: 'limit' });
  let query = filter(baseQuery(db));
  if (q.cursor) query = query.where('id', '<', q.cursor);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit).map((r) => r.id);
  return { items: await sampleViews(db, page), nextCursor: rows.length > limit ? page[page.length - 1]! : null };
}

async function sampleViews(db: Db | Tx, ids: readonly string[]): Promise<SampleRequestView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('affiliate_sample_requests as r')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .innerJoin('skus as s', 's.id', 'r.sku_id')
    .innerJoin('users as u', 'u.id', 'r.creator_id')
    .select([
      'r.id',
      'r.creator_id',
      'u.display_name',
      'r.shop_id',
      'r.product_id',
      'p.title',
      'r.sku_id',
      's.spec_values',
      'r.note',
      'r.status',
      'r.reason',
      'r.order_id',
      'r.address',
      'r.created_at',
      'r.decided_at',
    ])
    .where('r.id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    return {
      id: r.id,
      creatorId: r.creator_id,
      creatorName: r.display_name,
      shopId: r.shop_id,
      productId: r.product_id,
      productTitle: r.title,
      skuId: r.sku_id,
      specValues: JSON.parse(r.spec_values) as string[],
      note: r.note,
      status: r.status,
      reason: r.reason,
      orderId: r.order_id,
      city: String((JSON.parse(r.address) as Record<string, string>).city ?? ''),
      createdAt: Number(r.created_at),
      decidedAt: r.decided_at === null ? null : Number(r.decided_at),
    };
  });
}

async function creatorAddress(tx: Tx, userId: string, addressId: string | undefined): Promise<Record<string, string>> {
  let q = tx
    .selectFrom('addresses')
    .select(['name', 'phone', 'province', 'city', 'district', 'detail'])
    .where('user_id', '=', userId);
  q = addressId ? q.where('id', '=', addressId) : q.orderBy('is_default', 'desc').orderBy('id', 'desc').limit(1);
  const row = await q.executeTakeFirst();
  if (!row) {
    if (addressId) throw notFound('address', addressId);
    throw new DomainError('ADDRESS_REQUIRED', 'add a shipping address before requesting a sample');
  }
  return row;
}

/**
 * The approved sample as an order: zero price, no payment, paid at once (the ship-by clock starts
 * from the product's rules), stock reserved and committed like a sale. No commission, no money.
 */
async function createSampleOrder(
  tx: Tx,
  req: {
    order_id: string;
    creator_id: string;
    shop_id: string;
    sku_id: string;
    address: string;
    note: string;
    id: string;
  },
  merchantId: string,
  now: number,
): Promise<void> {
  const sku = await tx
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .select([
      'skus.id',
      'skus.product_id',
      'skus.spec_values',
      'products.title',
      'products.category_id',
      'categories.ship_by_hours',
      'categories.perishable',
      'categories.fee_rate_bp',
      'categories.settle_window_days',
      'categories.rules',
    ])
    .where('skus.id', '=', req.sku_id)
    .executeTakeFirstOrThrow();
  const rules = profileOfCategory(sku);
  await placeOrders(
    tx,
    [
      {
        id: req.order_id,
        checkoutId: newId('checkout', now),
        shopId: req.shop_id,
        buyerId: req.creator_id,
        status: 'paid',
        itemsFen: 0,
        discountFen: 0,
        shippingFeeFen: 0,
        totalFen: 0,
        address: JSON.parse(req.address) as Record<string, string>,
        buyerNote: req.note ? `【样品】${req.note}` : '【样品】',
        rules: orderRules([rules]),
        payDeadline: now,
        promisedShipByAt: null,
        placedBy: { kind: 'merchant', id: merchantId },
        reason: { code: 'sample_approved' },
        lines: [
          {
            product_id: sku.product_id,
            sku_id: sku.id,
            category_id: sku.category_id,
            title: sku.title,
            spec_values: sku.spec_values,
            unit_price_fen: 0,
            quantity: 1,
            line_total_fen: 0,
            discount_fen: 0,
            ship_by_hours: sku.ship_by_hours,
            fee_rate_bp: sku.fee_rate_bp,
            perishable: sku.perishable,
            rules,
            attr_source: 'sample',
            attr_content_id: req.id,
            attr_creator_id: null,
            creator_rate_bp: 0,
            mcn_id: null,
            mcn_share_bp: 0,
            colonel_id: null,
            colonel_fee_bp: 0,
            plan_id: null,
            plan_kind: null,
            rate_decision: null,
          },
        ],
      },
    ],
    now,
  ); // paid at once: stock committed, the ship-by deadline running
}

/** A creator's sample request, asked for or decided (an approved one has its free order). */
export interface SampleEvent {
  requestId: string;
  shopId: string;
  creatorId: string;
  productId?: string;
  orderId?: string | null;
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents extends Record<`affiliate.sample_${SampleStatus}`, SampleEvent> {}
}
