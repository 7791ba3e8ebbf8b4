/**
 * `bench ledger`: settles 100,000 completed orders, each with three beneficiaries (creator, MCN,
 * colonel), on the embedded default (or PostgreSQL with DATABASE_URL), then runs the ledger
 * check over the result. The orders, their lines and their capture journals are written by fast
 * batch inserts (not through HTTP); only the settlement and the check are timed.
 */
import { performance } from 'node:perf_hooks';
import {
  accountId,
  checkLedger,
  ManualClock,
  newId,
  openCore,
  postJournals,
  settleDueOrders,
  type JournalInput,
} from '@zhongcao/core';
import { freshStore, log, Scope } from './resources.js';

export interface LedgerResult {
  bench: 'ledger';
  dialect: 'sqlite' | 'postgres';
  orders: number;
  beneficiaries_per_order: number;
  settled: number;
  settle_s: number;
  settlements_per_s: number;
  journals: number;
  entries: number;
  unbalanced: number;
  check_s: number;
}

export const TARGET_SETTLEMENTS_PER_S = 5_000;
const ORDERS = Number(process.env.BENCH_LEDGER_ORDERS ?? 100_000);
const BATCH = 500;
const CREATORS = 200;

export async function benchLedger(): Promise<LedgerResult> {
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, clock });
    scope.defer('close core', () => core.close());
    const db = core.ctx.db;
    const t0 = clock.now();
    log(`ledger: ${store.dialect}, building ${ORDERS} completed orders with 3 beneficiaries each`);
    const userId = newId('user', t0);
    const shopId = newId('shop', t0);
    const categoryId = newId('category', t0);
    await db
      .insertInto('users')
      .values({ id: userId, login: 'bench-ledger', display_name: 'bench', password_hash: 'x', created_at: t0 })
      .execute();
    await db
      .insertInto('shops')
      .values({
        id: shopId,
        name: 'bench',
        description: '',
        origin: '',
        owner_id: userId,
        shipping_fee_fen: 0,
        free_shipping_over_fen: null,
        status: 'open',
        created_at: t0,
      })
      .execute();
    await db
      .insertInto('categories')
      .values({
        id: categoryId,
        parent_id: null,
        name: 'bench',
        ship_by_hours: 48,
        perishable: 0,
        fee_rate_bp: 200,
        sort: 0,
        created_at: t0,
      })
      .execute();
    const beneficiaries = Array.from({ length: CREATORS }, (_, i) => ({
      creator: newId('user', t0 + i),
      mcn: newId('user', t0 + i),
      colonel: newId('user', t0 + i),
    }));
    for (let start = 0; start < ORDERS; start += BATCH) {
      const n = Math.min(BATCH, ORDERS - start);
      const now = t0 + start;
      const rows = Array.from({ length: n }, (_, k) => {
        const i = start + k;
        const price = 1990 + (i % 97) * 37;
        return {
          orderId: newId('order', now),
          checkoutId: newId('checkout', now),
          lineId: newId('orderLine', now),
          price,
          qty: 1 + (i % 3),
          b: beneficiaries[i % CREATORS]!,
        };
      });
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('checkouts')
          .values(
            rows.map((r) => ({ id: r.checkoutId, buyer_id: userId, total_fen: r.price * r.qty, created_at: now })),
          )
          .execute();
        await tx
          .insertInto('orders')
          .values(
            rows.map((r) => ({
              id: r.orderId,
              checkout_id: r.checkoutId,
              shop_id: shopId,
              buyer_id: userId,
              status: 'completed',
              items_fen: r.price * r.qty,
              shipping_fee_fen: 0,
              total_fen: r.price * r.qty,
              address: '{}',
              buyer_note: '',
              pay_deadline: now,
              created_at: now,
              paid_at: now,
              shipped_at: now,
              delivered_at: now,
              completed_at: now,
              cancelled_at: null,
              cancel_reason: null,
              updated_at: now,
            })),
          )
          .execute();
        await tx
          .insertInto('order_lines')
          .values(
            rows.map((r) => ({
              id: r.lineId,
              order_id: r.orderId,
              shop_id: shopId,
              product_id: 'prd_bench',
              sku_id: 'sku_bench',
              category_id: categoryId,
              title: 'bench',
              spec_values: '[]',
              unit_price_fen: r.price,
              quantity: r.qty,
              line_total_fen: r.price * r.qty,
              ship_by_hours: 48,
              fee_rate_bp: 200,
              perishable: 0,
              attr_source: 'video',
              attr_content_id: null,
              attr_creator_id: r.b.creator,
              created_at: now,
              creator_rate_bp: 1500,
              mcn_id: r.b.mcn,
              mcn_share_bp: 3000,
              colonel_id: r.b.colonel,
              colonel_fee_bp: 300,
            })),
          )
          .execute();
        await tx
          .insertInto('ledger_order_money')
          .values(
            rows.map((r) => ({
              order_id: r.orderId,
              shop_id: shopId,
              provider: 'sandbox',
              captured_fen: r.price * r.qty,
              refunded_fen: 0,
              shipping_refunded_fen: 0,
              status: 'held',
              settle_due_at: now,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
        const captures: JournalInput[] = rows.map((r) => ({
          reason: 'capture',
          refKind: 'order',
          refId: r.orderId,
          entries: [
            { account: accountId('provider_cash', 'sandbox'), amountFen: -r.price * r.qty },
            { account: accountId('clearing', shopId), amountFen: r.price * r.qty },
          ],
        }));
        await postJournals(tx, captures, now);
      });
      if ((start / BATCH) % 40 === 0) log(`  ${start + n} / ${ORDERS} orders`);
    }
    clock.set(t0 + ORDERS + 8 * 24 * 3600 * 1000);
    log('settling');
    const started = performance.now();
    let settled = 0;
    for (;;) {
      const n = await settleDueOrders(core.ctx, { limit: 10_000, batchSize: 1_000 });
      if (n === 0) break;
      settled += n;
    }
    const settleS = (performance.now() - started) / 1000;
    log(`settled ${settled} in ${settleS.toFixed(2)} s; checking`);
    const checkStart = performance.now();
    const report = await checkLedger(db);
    const checkS = (performance.now() - checkStart) / 1000;
    return {
      bench: 'ledger',
      dialect: store.dialect,
      orders: ORDERS,
      beneficiaries_per_order: 3,
      settled,
      settle_s: Math.round(settleS * 100) / 100,
      settlements_per_s: Math.round(settled / settleS),
      journals: report.journals,
      entries: report.entries,
      unbalanced: report.unbalancedJournals.length + report.balanceMismatches.length,
      check_s: Math.round(checkS * 100) / 100,
    };
  } finally {
    await scope.close();
  }
}

export function ledgerSummary(r: LedgerResult): string {
  const verdict =
    r.settlements_per_s >= TARGET_SETTLEMENTS_PER_S && r.unbalanced === 0 && r.settled === r.orders
      ? 'meets'
      : 'MISSES';
  return `ledger (${r.dialect}): settled ${r.settled} of ${r.orders} orders (3 beneficiaries each) at ${r.settlements_per_s}/s in ${r.settle_s} s; check over ${r.journals} journals / ${r.entries} entries in ${r.check_s} s, ${r.unbalanced} unbalanced — ${verdict} the target of ≥ ${TARGET_SETTLEMENTS_PER_S}/s with 0 unbalanced`;
}
