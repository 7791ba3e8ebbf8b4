/** The supplier quality table of a shop: what shipped from each supplier's batches and the quality cases on it. */
import type { Actor, Db } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { MAX_SUPPLIERS } from './suppliers.js';
import { NOT_COUNTED_STATUSES, QUALITY_CASE_TYPE, QUALITY_REASONS, qualityScore, tallyCases } from './quality-score.js';

export interface SupplierQuality {
  supplierId: string;
  supplierName: string;
  batches: number;
  shippedUnits: number;
  shippedFen: number;
  shippedLines: number;
  /** Quality cases (fresh-produce claims and quality complaints) on lines from its batches. */
  cases: number;
  claimedUnits: number;
  refundFen: number;
  /** 0–100, or null before anything shipped from its batches (formula in quality-score.ts). */
  score: number | null;
}

export async function supplierQuality(db: Db, actor: Actor, shopId: string): Promise<{ items: SupplierQuality[] }> {
  requireShopMember(actor, shopId);
  const [suppliers, batches, shipped, shares] = await Promise.all([
    db
      .selectFrom('suppliers')
      .select(['id', 'name'])
      .where('shop_id', '=', shopId)
      .orderBy('name')
      .orderBy('id')
      .limit(MAX_SUPPLIERS)
      .execute(),
    db
      .selectFrom('supply_batches')
      .select(['supplier_id', (eb) => eb.fn.countAll().as('n')])
      .where('shop_id', '=', shopId)
      .groupBy('supplier_id')
      .execute(),
    db
      .selectFrom('order_line_batches as olb')
      .innerJoin('supply_batches as b', 'b.id', 'olb.batch_id')
      .innerJoin('order_lines as ol', 'ol.id', 'olb.order_line_id')
      .select((eb) => [
        'b.supplier_id',
        eb.fn.sum<number | string>('olb.quantity').as('units'),
        eb.fn.sum<number | string>(eb('olb.quantity', '*', eb.ref('ol.unit_price_fen'))).as('fen'),
        eb.fn.count<number | string>('olb.order_line_id').distinct().as('lines'),
      ])
      .where('olb.shop_id', '=', shopId)
      .groupBy('b.supplier_id')
      .execute(),
    db
      .selectFrom('aftersales_cases as ac')
      .innerJoin('order_lines as ol', 'ol.id', 'ac.order_line_id')
      .innerJoin('order_line_batches as olb', 'olb.order_line_id', 'ac.order_line_id')
      .innerJoin('supply_batches as b', 'b.id', 'olb.batch_id')
      .select([
        'ac.id',
        'ac.order_line_id',
        'ac.refund_fen',
        'ol.quantity as line_quantity',
        'olb.batch_id',
        'olb.quantity',
        'b.supplier_id',
      ])
      .where('ac.shop_id', '=', shopId)
      .where((eb) => eb.or([eb('ac.type', '=', QUALITY_CASE_TYPE), eb('ac.reason_code', 'in', [...QUALITY_REASONS])]))
      .where('ac.status', 'not in', [...NOT_COUNTED_STATUSES])
      .execute(),
  ]);
  const batchCount = new Map(batches.map((b) => [b.supplier_id, Number(b.n)]));
  const ship = new Map(
    shipped.map((s) => [
      s.supplier_id,
      { units: Number(s.units ?? 0), fen: Number(s.fen ?? 0), lines: Number(s.lines ?? 0) },
    ]),
  );
  const tally = tallyCases(
    shares.map((r) => ({
      caseId: r.id,
      lineId: r.order_line_id,
      batchId: r.batch_id,
      supplierId: r.supplier_id,
      units: r.quantity,
      lineQuantity: r.line_quantity,
      refundFen: Number(r.refund_fen),
    })),
  );
  const items = suppliers.map((s) => {
    const sh = ship.get(s.id) ?? { units: 0, fen: 0, lines: 0 };
    const t = tally.get(s.id) ?? { cases: 0, claimedUnits: 0, refundFen: 0 };
    return {
      supplierId: s.id,
      supplierName: s.name,
      batches: batchCount.get(s.id) ?? 0,
      shippedUnits: sh.units,
      shippedFen: sh.fen,
      shippedLines: sh.lines,
      ...t,
      score: qualityScore({
        shippedUnits: sh.units,
        shippedFen: sh.fen,
        claimedUnits: t.claimedUnits,
        refundFen: t.refundFen,
      }),
    };
  });
  // Lowest score first (the ones to talk to), unrated last.
  items.sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || a.supplierName.localeCompare(b.supplierName));
  return { items };
}
