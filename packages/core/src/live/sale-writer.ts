/**
 * Writes flash-sale orders in groups: every request the gate admitted while the previous group
 * was committing goes into the next transaction (group commit), with one conditional update of
 * the sale's remaining units, one of the SKU's stock, one conditional upsert of the buyers'
 * holdings and one multi-row insert per table. If any guard refuses the group (or a row
 * collides, e.g. a retried Idempotency-Key), the group rolls back and is written again in halves,
 * down to single requests, where the guard that refused one becomes its answer. Arrival order is
 * kept: one queue per sale, written first in, first out.
 *
 * A group closes at the end of an event-loop turn (setImmediate), not at the first request: the
 * SQLite driver runs synchronously, so a writer that started at once would commit each request
 * before the next socket's bytes were even read, one transaction per order.
 */
import { sql } from 'kysely';
import type { CoreContext, Tx } from '../context.js';
import { DomainError, newId, type ErrorCode } from '../platform/index.js';
import { insertRows } from '../storage/index.js';
import { placeOrders, type OrderDraft } from '../orders/index.js';
import { orderRules } from '../rules/index.js';
import { shippingFee } from '../checkout/index.js';
import {
  loadAffiliateContext,
  decideLine,
  unattributed,
  type LineSnapshot,
  DEFAULT_AFFILIATE_RULES,
} from '../affiliate/index.js';
import { openPayments, type PaymentToOpen } from '../payments/index.js';
import type { SaleInfo } from './sale-info.js';
import { surgeTermsOfGroup } from './sale-surge.js';

export const LIVE_SALE_PAY_BY = 'live_sale_pay_by';
const MAX_GROUP = 400;

export interface SaleOrderRequest {
  buyerId: string;
  quantity: number;
  addressId: string | undefined;
  idemKey: string | undefined;
  requestHash: string;
}

export interface SaleOrderResult {
  orderId: string;
  paymentId: string;
  payBefore: number;
  totalFen: number;
  /** The answer of an earlier request with the same Idempotency-Key: nothing new was reserved. */
  replayed?: boolean;
}

interface Pending {
  req: SaleOrderRequest;
  resolve(r: SaleOrderResult): void;
  reject(e: unknown): void;
}

type Address = Record<'name' | 'phone' | 'province' | 'city' | 'district' | 'detail', string>;

/** A guard of the database refused a write; alone, the code is the request's answer. */
class Refused extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

export class SaleWriter {
  private queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly sale: () => SaleInfo,
    private readonly committed: (results: Array<{ req: SaleOrderRequest; result: SaleOrderResult }>) => void,
  ) {}

  submit(req: SaleOrderRequest): Promise<SaleOrderResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  get queued(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        await this.writeGroup(group);
        // Let the sockets be read between groups: what arrived meanwhile forms the next group.
        if (this.queue.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.running = false;
    }
  }

  /** A committed group's answers: the placed orders (reported as committed) and those surge protection paused. */
  private settle(group: Pending[], results: Array<SaleOrderResult | Refused>): void {
    const placed: Array<{ req: SaleOrderRequest; result: SaleOrderResult }> = [];
    group.forEach((p, i) => {
      const r = results[i]!;
      if (!(r instanceof Refused)) placed.push({ req: p.req, result: r });
    });
    if (placed.length) this.committed(placed);
    group.forEach((p, i) => {
      const r = results[i]!;
      if (r instanceof Refused) p.reject(refusal(r.code));
      else p.resolve(r);
    });
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    const sale = this.sale();
    let addresses: Map<string, Address | DomainError>;
    try {
      addresses = await pickAddresses(
        this.ctx,
        group.map((p) => p.req),
      );
    } catch (err) {
      for (const p of group) p.reject(err);
      return;
    }
    const ready = group.filter((p) => {
      const a = addresses.get(p.req.buyerId + '|' + (p.req.addressId ?? ''));
      if (a instanceof DomainError || a === undefined) {
        p.reject(a ?? new DomainError('ADDRESS_REQUIRED', 'add a shipping address before ordering'));
        return false;
      }
      return true;
    });
    if (ready.length === 0) return;
    await this.writeInOrder(sale, ready, addresses);
  }

  /**
   * Writes the requests in one transaction; when a guard refuses it (or a row collides), in two
   * halves, each written the same way, first half first. A single request's refusal is its answer.
   * The outcome is the one of writing each alone in arrival order (the guards only tighten as
   * orders are written, so a group that passes whole passes one by one), but one refused request
   * among hundreds costs about twice the log of the group's size in transactions, not one per request.
   */
  private async writeInOrder(
    sale: SaleInfo,
    reqs: Pending[],
    addresses: Map<string, Address | DomainError>,
  ): Promise<void> {
    let results: Array<SaleOrderResult | Refused>;
    try {
      results = await this.ctx.db.transaction().execute((tx) =>
        writeOrders(
          tx,
          this.ctx,
          sale,
          reqs.map((p) => p.req),
          addresses,
        ),
      );
    } catch (err) {
      if (reqs.length === 1) {
        reqs[0]!.reject(err instanceof Refused ? refusal(err.code) : err);
        return;
      }
      const half = Math.ceil(reqs.length / 2);
      await this.writeInOrder(sale, reqs.slice(0, half), addresses);
      await this.writeInOrder(sale, reqs.slice(half), addresses);
      return;
    }
    this.settle(reqs, results);
  }
}

function refusal(code: ErrorCode): DomainError {
  switch (code) {
    case 'SALE_SOLD_OUT':
      return new DomainError(code, 'the flash sale is sold out');
    case 'SALE_NOT_OPEN':
      return new DomainError(code, 'the flash sale is not open');
    case 'SALE_LIMIT_REACHED':
      return new DomainError(code, 'you already hold the most this sale allows per person');
    case 'OUT_OF_STOCK':
      return new DomainError(code, 'not enough stock for this item');
    case 'SALES_PAUSED':
      return new DomainError(
        code,
        '该商品发货排期已满，暂停销售 / sales of this product are paused: the shop is at its shipping capacity',
      );
    default:
      return new DomainError(code, code);
  }
}

/** The address of each request: the one named (it must be the buyer's) or the buyer's default. */
async function pickAddresses(ctx: CoreContext, reqs: SaleOrderRequest[]): Promise<Map<string, Address | DomainError>> {
  const buyers = [...new Set(reqs.map((r) => r.buyerId))];
  const rows = await ctx.db
    .selectFrom('addresses')
    .select(['id', 'user_id', 'name', 'phone', 'province', 'city', 'district', 'detail', 'is_default'])
    .where('user_id', 'in', buyers)
    .orderBy('is_default', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const out = new Map<string, Address | DomainError>();
  for (const r of reqs) {
    const key = r.buyerId + '|' + (r.addressId ?? '');
    if (out.has(key)) continue;
    const row = r.addressId
      ? rows.find((a) => a.id === r.addressId && a.user_id === r.buyerId)
      : rows.find((a) => a.user_id === r.buyerId);
    if (!row)
      out.set(
        key,
        r.addressId
          ? new DomainError('NOT_FOUND', 'address not found', { what: 'address', id: r.addressId })
          : new DomainError('ADDRESS_REQUIRED', 'add a shipping address before ordering'),
      );
    else
      out.set(key, {
        name: row.name,
        phone: row.phone,
        province: row.province,
        city: row.city,
        district: row.district,
        detail: row.detail,
      });
  }
  return out;
}

/** Commission snapshot of a live order: the room's creator (a live touch now wins its minute), or nobody in a shop's own room. */
async function liveCommission(tx: Tx, sale: SaleInfo, now: number): Promise<LineSnapshot> {
  const claim = {
    source: 'live' as const,
    contentId: sale.roomId,
    creatorId: sale.hostKind === 'creator' ? sale.hostId : null,
  };
  if (sale.hostKind !== 'creator') return unattributed(claim);
  const context = await loadAffiliateContext(tx, {
    productIds: [sale.productId],
    creatorIds: [sale.hostId],
    shopIds: [sale.shopId],
    now,
    protectionWindowMs: DEFAULT_AFFILIATE_RULES.protectionWindowMs,
  });
  return decideLine(context, {
    touch: { source: 'live', creatorId: sale.hostId, contentId: sale.roomId, at: now },
    productId: sale.productId,
    shopId: sale.shopId,
    at: now,
    feeRateBp: sale.rules.feeRateBp,
    protectionWindowMs: DEFAULT_AFFILIATE_RULES.protectionWindowMs,
  });
}

/** Writes the group's orders; each answer is its order, or a refusal when surge protection paused it (nothing of it written). */
async function writeOrders(
  tx: Tx,
  ctx: CoreContext,
  sale: SaleInfo,
  group: SaleOrderRequest[],
  addresses: Map<string, Address | DomainError>,
): Promise<Array<SaleOrderResult | Refused>> {
  const now = ctx.clock.now();
  if (group.length === 1 && group[0]!.idemKey !== undefined) {
    const stored = await storedAnswer(tx, group[0]!.buyerId, group[0]!.idemKey!, group[0]!.requestHash);
    if (stored) return [{ ...stored, replayed: true }];
  }
  const surge = await surgeTermsOfGroup(tx, sale, group.length, now);
  const reqs = group.filter((_, i) => surge[i] !== 'paused');
  const promised = surge.filter((t): t is number | null => t !== 'paused');
  if (reqs.length === 0) return group.map(() => new Refused('SALES_PAUSED'));
  const units = reqs.reduce((s, r) => s + r.quantity, 0);
  const saleRes = await tx
    .updateTable('live_flash_sales')
    .set((eb) => ({ remaining: eb('remaining', '-', units) }))
    .where('id', '=', sale.id)
    .where('remaining', '>=', units)
    .where('closed_at', 'is', null)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .executeTakeFirst();
  if (Number(saleRes.numUpdatedRows) !== 1) {
    const row = await tx
      .selectFrom('live_flash_sales')
      .select(['remaining', 'closed_at', 'starts_at', 'ends_at'])
      .where('id', '=', sale.id)
      .executeTakeFirstOrThrow();
    const open = row.closed_at === null && Number(row.starts_at) <= now && Number(row.ends_at) > now;
    throw new Refused(open ? 'SALE_SOLD_OUT' : 'SALE_NOT_OPEN');
  }

  // Holdings per buyer (a buyer may appear twice in a group): one conditional upsert.
  const perBuyer = new Map<string, number>();
  for (const r of reqs) perBuyer.set(r.buyerId, (perBuyer.get(r.buyerId) ?? 0) + r.quantity);
  if ([...perBuyer.values()].some((q) => q > sale.perPersonLimit)) throw new Refused('SALE_LIMIT_REACHED');
  const values = [...perBuyer].map(([buyer, q]) => sql`(${sale.id}, ${buyer}, ${q})`);
  const upsert = await sql`insert into live_sale_buyers (sale_id, buyer_id, quantity) values ${sql.join(values)}
    on conflict (sale_id, buyer_id) do update set quantity = live_sale_buyers.quantity + excluded.quantity
    where live_sale_buyers.quantity + excluded.quantity <= ${sale.perPersonLimit}`.execute(tx);
  if (Number(upsert.numAffectedRows ?? 0n) !== perBuyer.size) throw new Refused('SALE_LIMIT_REACHED');

  const commission = await liveCommission(tx, sale, now);
  const rules = orderRules([sale.rules]);
  const specJson = JSON.stringify(sale.specValues);
  const payBefore = now + rules.flashSaleUnpaidCancelMinutes * 60_000;
  const results: SaleOrderResult[] = [];
  const drafts: OrderDraft[] = [],
    payments: PaymentToOpen[] = [],
    saleOrders = [],
    touches = [];
  for (const [i, r] of reqs.entries()) {
    const checkoutId = newId('checkout', now);
    const orderId = newId('order', now);
    const paymentId = newId('payment', now);
    const itemsFen = sale.priceFen * r.quantity;
    const shippingFeeFen = shippingFee(
      { shopId: sale.shopId, shippingFeeFen: sale.shippingFeeFen, freeShippingOverFen: sale.freeShippingOverFen },
      itemsFen,
    );
    const totalFen = itemsFen + shippingFeeFen;
    const address = addresses.get(r.buyerId + '|' + (r.addressId ?? '')) as Address;
    drafts.push({
      id: orderId,
      checkoutId,
      shopId: sale.shopId,
      buyerId: r.buyerId,
      status: 'unpaid',
      itemsFen,
      discountFen: 0,
      shippingFeeFen,
      totalFen,
      address,
      buyerNote: '',
      rules,
      payDeadline: payBefore,
      promisedShipByAt: promised[i] ?? null,
      placedBy: { kind: 'buyer', id: r.buyerId },
      reason: { code: 'flash_sale_order_placed' },
      // The sale's own deadline: an unpaid order gives its units back to the sale (sale-deadlines.ts).
      payByTimer: { kind: LIVE_SALE_PAY_BY, payload: { saleId: sale.id } },
      event: { saleId: sale.id, roomId: sale.roomId },
      lines: [
        {
          product_id: sale.productId,
          sku_id: sale.skuId,
          category_id: sale.categoryId,
          title: sale.title,
          spec_values: specJson,
          unit_price_fen: sale.priceFen,
          quantity: r.quantity,
          line_total_fen: itemsFen,
          discount_fen: 0,
          ship_by_hours: sale.rules.shipByHours,
          fee_rate_bp: sale.rules.feeRateBp,
          perishable: sale.rules.perishable ? 1 : 0,
          rules: sale.rules,
          ...commission,
        },
      ],
    });
    payments.push({
      id: paymentId,
      checkoutId,
      buyerId: r.buyerId,
      provider: ctx.payments.default.name,
      amountFen: totalFen,
      expiresAt: payBefore,
    });
    saleOrders.push({
      order_id: orderId,
      sale_id: sale.id,
      buyer_id: r.buyerId,
      quantity: r.quantity,
      status: 'reserved',
      payment_id: paymentId,
      pay_before: payBefore,
      idem_key: r.idemKey ?? null,
      request_hash: r.idemKey ? r.requestHash : null,
      created_at: now,
      updated_at: now,
    });
    if (sale.hostKind === 'creator')
      touches.push({
        id: newId('touch', now),
        buyer_id: r.buyerId,
        product_id: sale.productId,
        creator_id: sale.hostId,
        source: 'live',
        content_id: sale.roomId,
        at: now,
      });
    results.push({ orderId, paymentId, payBefore, totalFen });
  }
  await insertRows(tx, 'live_sale_orders', saleOrders); // first: a reused Idempotency-Key collides before anything else is written
  // One call for the group: orders, lines, the SKU's stock (one conditional update for the group's units), transitions, events, deadlines.
  await placeOrders(tx, drafts, now);
  await openPayments(tx, payments, now);
  if (touches.length) await insertRows(tx, 'affiliate_touches', touches);
  let next = 0;
  return surge.map((t) => (t === 'paused' ? new Refused('SALES_PAUSED') : results[next++]!));
}

/** The answer given to an earlier request with this Idempotency-Key; a different request under the same key is refused. */
export async function storedAnswer(
  db: Tx | CoreContext['db'],
  buyerId: string,
  idemKey: string,
  requestHash: string,
): Promise<SaleOrderResult | null> {
  const row = await db
    .selectFrom('live_sale_orders')
    .innerJoin('orders', 'orders.id', 'live_sale_orders.order_id')
    .select([
      'live_sale_orders.order_id',
      'live_sale_orders.payment_id',
      'live_sale_orders.pay_before',
      'live_sale_orders.request_hash',
      'orders.total_fen',
    ])
    .where('live_sale_orders.buyer_id', '=', buyerId)
    .where('live_sale_orders.idem_key', '=', idemKey)
    .executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== requestHash)
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request');
  return {
    orderId: row.order_id,
    paymentId: row.payment_id,
    payBefore: Number(row.pay_before),
    totalFen: Number(row.total_fen),
  };
}
