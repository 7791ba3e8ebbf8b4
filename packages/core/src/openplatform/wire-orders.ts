/**
 * Orders in the wire shape, serialised in UTF-8 (order.searchList's items, order.orderDetail's detail).
 * An ERP asks for the same orders again and again (the paid ones, until it ships them), so each
 * process keeps every order's JSON with the rows it was made of: the order's row, its parcels,
 * their lines and its after-sales cases are read on every call and compared with the kept ones,
 * and the kept JSON is answered only when all are equal (anything else builds it again). An
 * order's lines never change what the wire shows of them (title, spec, prices, quantity) after
 * checkout, so they are read only for orders not kept; wire ids never change once given. The
 * order's row may come with `has_shipments` and `has_cases` read in the same statement
 * (`withPartsFlags`): an order without parcels or cases (most listed as paid) then reads neither.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../context.js';
import type { Database } from '../storage/index.js';
import { openIdsOf } from './open-ids.js';
import { byOrderIds } from './hot-queries.js';
import {
  ORDER_COLUMNS,
  sameRows,
  wireOrder,
  type CaseRow,
  type LineRow,
  type OrderParts,
  type OrderRow,
  type ShipmentLineRow,
  type ShipmentRow,
} from './wire-order-shape.js';

/**
 * An order's row as read, as an array (compiledOnce's `arrays`: no object per row): the values of
 * ORDER_COLUMNS in that order, then whatever else the statement selected (a page's total, the
 * parts flags of withPartsFlags).
 */
export type OrderValues = readonly unknown[];

const COLUMN_COUNT = ORDER_COLUMNS.length;
/** No rows (shared: never written to). */
const NONE: readonly never[] = [];

/** The row as the wire shape reads it (built only for orders whose JSON is made again). */
function orderRowOf(values: OrderValues): OrderRow {
  const out = {} as Record<string, unknown>;
  for (let i = 0; i < COLUMN_COUNT; i++) out[ORDER_COLUMNS[i]!] = values[i];
  return out as OrderRow;
}

/** The same values in ORDER_COLUMNS (a statement's further columns are not compared). */
function sameValues(a: OrderValues, b: OrderValues): boolean {
  for (let i = 0; i < COLUMN_COUNT; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether each order has parcels and after-sales cases, as two more columns of the statement that
 * reads its row (EXISTS on their order indexes: 0/1 on SQLite, booleans on PostgreSQL).
 */
export function withPartsFlags(eb: ExpressionBuilder<Database, 'orders'>) {
  return [
    eb
      .exists(eb.selectFrom('shipments').select('shipments.id').whereRef('shipments.order_id', '=', 'orders.id'))
      .as('has_shipments'),
    eb
      .exists(
        eb
          .selectFrom('aftersales_cases')
          .select('aftersales_cases.id')
          .whereRef('aftersales_cases.order_id', '=', 'orders.id'),
      )
      .as('has_cases'),
  ] as const;
}

/** A flag read with the row says "none" (absent: not read, so the table is read). */
const noneFlagged = (flag: unknown): boolean => flag !== undefined && !flag;

interface Kept extends OrderParts {
  /** ORDER_COLUMNS' values as read. */
  row: OrderValues;
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

/**
 * The JSON of each order in UTF-8, in the order of `rows` (all of one shop). `flagsAt`: where the
 * row holds `has_shipments` (and `has_cases` after it), when the statement read them.
 */
export async function wireOrderJson(
  db: Db,
  rows: readonly OrderValues[],
  shopName: string,
  flagsAt: number | null = null,
): Promise<Buffer[]> {
  if (rows.length === 0) return [];
  const kept = keptOf(db);
  const ids = rows.map((r) => r[0] as string);
  // As kept when the reads start (another call may replace or drop an entry meanwhile).
  const before = ids.map((id) => kept.get(id));
  const flag = (i: number, which: 0 | 1): unknown => (flagsAt === null ? undefined : rows[i]![flagsAt + which]);
  const [lines, shipments, cases] = await Promise.all([
    readLines(
      db,
      ids.filter((_, i) => !before[i]),
    ),
    byOrderIds(
      db,
      'open.shipments',
      ids.filter((_, i) => !noneFlagged(flag(i, 0))),
      (d, x) =>
        d
          .selectFrom('shipments')
          .select(['id', 'order_id', 'carrier', 'tracking_no', 'created_at'])
          .where('order_id', 'in', x)
          .orderBy('id'),
    ) as Promise<ShipmentRow[]>,
    byOrderIds(
      db,
      'open.cases',
      ids.filter((_, i) => !noneFlagged(flag(i, 1))),
      (d, x) =>
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
  const stale: Array<{ at: number; row: OrderValues; parts: OrderParts }> = [];
  for (let at = 0; at < rows.length; at++) {
    const row = rows[at]!;
    const id = ids[at]!;
    const k = before[at];
    const shipmentsNow = shipmentsOf.get(id) ?? NONE;
    const shipmentLinesNow = shipmentLinesOf.get(id) ?? NONE;
    const casesNow = casesOf.get(id) ?? NONE;
    if (
      k &&
      k.shopName === shopName &&
      sameValues(k.row, row) &&
      sameRows(k.shipments, shipmentsNow) &&
      sameRows(k.shipmentLines, shipmentLinesNow) &&
      sameRows(k.cases, casesNow)
    )
      out[at] = k.json;
    else {
      const parts: OrderParts = {
        lines: k?.lines ?? linesOf.get(id) ?? [],
        shipments: shipmentsNow,
        shipmentLines: shipmentLinesNow,
        cases: casesNow,
      };
      stale.push({ at, row, parts });
    }
  }
  if (stale.length === 0) return out;
  const staleLines = stale.flatMap((s) => s.parts.lines);
  const [orders, products, skus, shops] = await Promise.all([
    openIdsOf(db, 'order', [...stale.map((s) => s.row[0] as string), ...staleLines.map((l) => l.id)]),
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
    openIdsOf(db, 'shop', [rows[0]![1] as string]),
  ]);
  for (const { at, row, parts } of stale) {
    const json = Buffer.from(
      JSON.stringify(wireOrder(orderRowOf(row), parts, { orders, products, skus, shops }, shopName)),
      'utf8',
    );
    const id = ids[at]!;
    out[at] = json;
    kept.delete(id);
    if (kept.size >= KEPT_LIMIT) kept.delete(kept.keys().next().value!);
    kept.set(id, { row: row.slice(0, COLUMN_COUNT), shopName, json, ...parts });
  }
  return out;
}
