/**
 * Orders in the wire shape, serialised in UTF-8 (order.searchList's items, order.orderDetail's detail).
 * An ERP asks for the same orders again and again (the paid ones, until it ships them), so each
 * process keeps every order's JSON with the rows it was made of: the order's row, its parcels,
 * their lines and its after-sales cases are read on every call and compared with the kept ones,
 * and the kept JSON is answered only when all are equal (anything else builds it again). An
 * order's lines never change what the wire shows of them (title, spec, prices, quantity) after
 * checkout, so they are read only for orders not kept; wire ids never change once given.
 */
import type { Db } from '../context.js';
import { openIdsOf } from './open-ids.js';
import { byOrderIds } from './hot-queries.js';
import {
  sameRow,
  sameRows,
  wireOrder,
  type CaseRow,
  type LineRow,
  type OrderParts,
  type OrderRow,
  type ShipmentLineRow,
  type ShipmentRow,
} from './wire-order-shape.js';

interface Kept extends OrderParts {
  row: OrderRow;
  shopName: string;
  /** The order's JSON in UTF-8. */
  json: Buffer;
}

/** Orders kept per store (a copied store in tests has the same ids in other states). */
const KEPT_LIMIT = 10_000;
const keptByStore = new WeakMap<object, Map<string, Kept>>();
function keptOf(db: Db): Map<string, Kept> {
  let m = keptByStore.get(db);
  if (!m) keptByStore.set(db, (m = new Map()));
  return m;
}

/** Forgets the kept orders of this store (tests compare a kept answer with a fresh one). */
export function forgetWireOrders(db: Db): void {
  keptByStore.delete(db);
}

function group<T extends { order_id: string }>(xs: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const list = m.get(x.order_id);
    if (list) list.push(x);
    else m.set(x.order_id, [x]);
  }
  return m;
}

const readLines = (db: Db, ids: readonly string[]) =>
  byOrderIds(db, 'open.lines', ids, (d, x) =>
    d
      .selectFrom('order_lines')
      .select([
        'id',
        'order_id',
        'product_id',
        'sku_id',
        'title',
        'spec_values',
        'unit_price_fen',
        'quantity',
        'line_total_fen',
      ])
      .where('order_id', 'in', x)
      .orderBy('id'),
  ) as Promise<LineRow[]>;

/** The JSON of each order in UTF-8, in the order of `rows` (all of one shop). */
export async function wireOrderJson(db: Db, rows: readonly OrderRow[], shopName: string): Promise<Buffer[]> {
  if (rows.length === 0) return [];
  const kept = keptOf(db);
  const ids = rows.map((r) => r.id);
  // As kept when the reads start (another call may replace or drop an entry meanwhile).
  const before = ids.map((id) => kept.get(id));
  const [lines, shipments, cases] = await Promise.all([
    readLines(
      db,
      ids.filter((_, i) => !before[i]),
    ),
    byOrderIds(db, 'open.shipments', ids, (d, x) =>
      d
        .selectFrom('shipments')
        .select(['id', 'order_id', 'carrier', 'tracking_no', 'created_at'])
        .where('order_id', 'in', x)
        .orderBy('id'),
    ) as Promise<ShipmentRow[]>,
    byOrderIds(db, 'open.cases', ids, (d, x) =>
      d
        .selectFrom('aftersales_cases')
        .select(['order_line_id', 'order_id', 'status', 'type'])
        .where('order_id', 'in', x)
        .orderBy('id'),
    ) as Promise<CaseRow[]>,
  ]);
  // A parcel's lines belong to its order's shipments: orders with no parcel (most listed as paid) have none to read.
  const shippedIds = [...new Set(shipments.map((s) => s.order_id))];
  const shipmentLines = (await byOrderIds(db, 'open.shipmentLines', shippedIds, (d, x) =>
    d.selectFrom('shipment_lines').select(['shipment_id', 'order_line_id', 'order_id']).where('order_id', 'in', x),
  )) as ShipmentLineRow[];
  const [linesOf, shipmentsOf, shipmentLinesOf, casesOf] = [
    group(lines),
    group(shipments),
    group(shipmentLines),
    group(cases),
  ];
  const out: Buffer[] = new Array(rows.length);
  const stale: Array<{ at: number; row: OrderRow; parts: OrderParts }> = [];
  rows.forEach((row, at) => {
    const k = before[at];
    const parts: OrderParts = {
      lines: k?.lines ?? linesOf.get(row.id) ?? [],
      shipments: shipmentsOf.get(row.id) ?? [],
      shipmentLines: shipmentLinesOf.get(row.id) ?? [],
      cases: casesOf.get(row.id) ?? [],
    };
    if (
      k &&
      k.shopName === shopName &&
      sameRow(k.row, row) &&
      sameRows(k.shipments, parts.shipments) &&
      sameRows(k.shipmentLines, parts.shipmentLines) &&
      sameRows(k.cases, parts.cases)
    )
      out[at] = k.json;
    else stale.push({ at, row, parts });
  });
  if (stale.length === 0) return out;
  const staleLines = stale.flatMap((s) => s.parts.lines);
  const [orders, products, skus, shops] = await Promise.all([
    openIdsOf(db, 'order', [...stale.map((s) => s.row.id), ...staleLines.map((l) => l.id)]),
    openIdsOf(
      db,
      'product',
      staleLines.map((l) => l.product_id),
    ),
    openIdsOf(
      db,
      'sku',
      staleLines.map((l) => l.sku_id),
    ),
    openIdsOf(db, 'shop', [rows[0]!.shop_id]),
  ]);
  for (const { at, row, parts } of stale) {
    const json = Buffer.from(
      JSON.stringify(wireOrder(row, parts, { orders, products, skus, shops }, shopName)),
      'utf8',
    );
    out[at] = json;
    kept.delete(row.id);
    if (kept.size >= KEPT_LIMIT) kept.delete(kept.keys().next().value!);
    kept.set(row.id, { row, shopName, json, ...parts });
  }
  return out;
}
