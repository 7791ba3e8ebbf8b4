/**
 * Shipping records the batch: called inside the ship transaction for the lines of a parcel, as
 * the shipping transaction read them (it passes them in: no second read of the lines).
 * Each line of a SKU with batches takes its units FIFO (allocation.ts) by conditional updates
 * (`remaining = remaining - q where remaining >= q`), so a batch never goes below zero whatever
 * runs concurrently; a lost race re-reads and allocates the rest. Units no batch covers ship
 * unbatched, as do SKUs without batches (one query for the whole parcel finds those).
 */
import type { Tx } from '../context.js';
import { compiledOnce, type CompiledOnce } from '../storage/index.js';
import { allocateFifo, type BatchStock } from './allocation.js';

const PAGE = 100;
const MAX_ROUNDS = 20;

/** An order line being shipped (its row in `order_lines`). */
export interface ShippedLine {
  id: string;
  orderId: string;
  shopId: string;
  skuId: string;
  quantity: number;
}

interface Line {
  id: string;
  order_id: string;
  shop_id: string;
  sku_id: string;
  quantity: number;
}

/** Code-unit order (ids are ASCII): the order the lines were read in before they were passed in. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function recordLineBatches(tx: Tx, shipped: readonly ShippedLine[], now: number): Promise<void> {
  if (shipped.length === 0) return;
  // Allocated by SKU, then line id: the order FIFO takes the batches in, whatever order the parcel lists its lines in.
  const lines: Line[] = shipped
    .map((l) => ({ id: l.id, order_id: l.orderId, shop_id: l.shopId, sku_id: l.skuId, quantity: Number(l.quantity) }))
    .sort((a, b) => byCodeUnits(a.sku_id, b.sku_id) || byCodeUnits(a.id, b.id));
  const skuIds = [...new Set(lines.map((l) => l.sku_id))];
  const values: Record<string, unknown> = { now };
  skuIds.forEach((id, i) => {
    values[`sku${i}`] = id;
  });
  const batched = await skusWithBatches(skuIds.length).all(tx, values);
  const withBatches = new Set(batched.map((b) => b.sku_id));
  for (const line of lines) if (withBatches.has(line.sku_id)) await allocateLine(tx, line, now);
}

/**
 * Which of n SKUs have received batches with units left: every shipment asks, so the statement is
 * compiled once per number of SKUs (a parcel holds a few).
 */
const batchChecks = new Map<number, CompiledOnce<{ sku_id: string }>>();
function skusWithBatches(n: number): CompiledOnce<{ sku_id: string }> {
  let q = batchChecks.get(n);
  if (!q) {
    q = compiledOnce((db, v) =>
      db
        .selectFrom('supply_batches')
        .select('sku_id')
        .distinct()
        .where(
          'sku_id',
          'in',
          Array.from({ length: n }, (_, i) => v(`sku${i}`)),
        )
        .where('status', '=', 'received')
        .where('remaining', '>', 0)
        .where('received_at', '<=', v('now') as unknown as number),
    );
    if (batchChecks.size >= 100) batchChecks.clear();
    batchChecks.set(n, q);
  }
  return q;
}

async function allocateLine(tx: Tx, line: Line, now: number): Promise<void> {
  const taken = new Map<string, number>();
  let need = line.quantity;
  for (let round = 0; need > 0 && round < MAX_ROUNDS; round++) {
    const rows = await tx
      .selectFrom('supply_batches')
      .select(['id', 'harvested_at', 'received_at', 'remaining'])
      .where('sku_id', '=', line.sku_id)
      .where('status', '=', 'received')
      .where('remaining', '>', 0)
      .where('received_at', '<=', now) // a shipment never takes from goods that arrived after it
      .orderBy('harvested_at')
      .orderBy('received_at')
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    const stock: BatchStock[] = rows.map((r) => ({
      id: r.id,
      harvestedAt: Number(r.harvested_at),
      receivedAt: Number(r.received_at ?? 0),
      remaining: r.remaining,
    }));
    let raced = false;
    for (const part of allocateFifo(stock, need).parts) {
      const res = await tx
        .updateTable('supply_batches')
        .set((eb) => ({ remaining: eb('remaining', '-', part.quantity), updated_at: now }))
        .where('id', '=', part.batchId)
        .where('remaining', '>=', part.quantity)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) {
        raced = true; // another shipment took units meanwhile: read again
        break;
      }
      taken.set(part.batchId, (taken.get(part.batchId) ?? 0) + part.quantity);
      need -= part.quantity;
    }
    if (!raced && rows.length < PAGE) break;
  }
  if (taken.size === 0) return;
  await tx
    .insertInto('order_line_batches')
    .values(
      [...taken].map(([batchId, quantity]) => ({
        order_line_id: line.id,
        batch_id: batchId,
        order_id: line.order_id,
        shop_id: line.shop_id,
        quantity,
        created_at: now,
      })),
    )
    .execute();
}
