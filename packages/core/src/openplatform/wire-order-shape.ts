/**
 * An order in the wire format's shape (a searchList item; orderDetail's shop_order_detail) from
 * the rows it is made of and the wire ids of what it names. Pure.
 */
import type { OrderStatus } from '../orders/index.js';
import { maskPhone } from '../platform/index.js';
import { msToSec } from './params.js';
import { ORDER_STATUS_DESC, wireMainStatus, wireOrderStatus } from './status-map.js';
import { carrierByCode } from './carriers.js';

export type OrderRow = {
  id: string;
  shop_id: string;
  status: string;
  seller_remark: string;
  seller_remark_star: number;
  shipping_fee_fen: number;
  total_fen: number;
  discount_fen: number;
  address: string;
  buyer_note: string;
  created_at: number;
  paid_at: number | null;
  shipped_at: number | null;
  completed_at: number | null;
  cancelled_at: number | null;
  updated_at: number;
  ship_by_at: number | null;
};

export const ORDER_COLUMNS = [
  'id',
  'shop_id',
  'status',
  'seller_remark',
  'seller_remark_star',
  'shipping_fee_fen',
  'total_fen',
  'discount_fen',
  'address',
  'buyer_note',
  'created_at',
  'paid_at',
  'shipped_at',
  'completed_at',
  'cancelled_at',
  'updated_at',
  'ship_by_at',
] as const;

export interface LineRow {
  id: string;
  order_id: string;
  product_id: string;
  sku_id: string;
  title: string;
  spec_values: string;
  unit_price_fen: number;
  quantity: number;
  line_total_fen: number;
}
export interface ShipmentRow {
  id: string;
  order_id: string;
  carrier: string;
  tracking_no: string;
  created_at: number;
}
export interface ShipmentLineRow {
  shipment_id: string;
  order_line_id: string;
  order_id: string;
}
export interface CaseRow {
  order_line_id: string;
  order_id: string;
  status: string;
  type: string;
}

/** Everything of one order its wire shape is made of (rows in the order they were read). */
export interface OrderParts {
  lines: readonly LineRow[];
  shipments: readonly ShipmentRow[];
  shipmentLines: readonly ShipmentLineRow[];
  cases: readonly CaseRow[];
}

/** Wire ids by internal id. */
export interface WireIds {
  orders: ReadonlyMap<string, string>;
  products: ReadonlyMap<string, string>;
  skus: ReadonlyMap<string, string>;
  shops: ReadonlyMap<string, string>;
}

export function wireOrder(o: OrderRow, parts: OrderParts, ids: WireIds, shopName: string): Record<string, unknown> {
  const { orders: orderNums, products: productNums, skus: skuNums, shops: shopNums } = ids;
  const { lines: myLines, shipments: myShipments, shipmentLines: myShipmentLines, cases: myCases } = parts;
  const status = o.status as OrderStatus;
  const partly = status === 'paid' && myShipments.length > 0;
  const orderStatus = wireOrderStatus(status, partly);
  const main = wireMainStatus(status, partly, o.paid_at !== null);
  const a = JSON.parse(o.address) as Record<string, string>;
  return {
    order_id: orderNums.get(o.id),
    shop_id: Number(shopNums.get(o.shop_id)),
    shop_name: shopName,
    order_level: 2,
    order_status: orderStatus,
    order_status_desc: ORDER_STATUS_DESC[orderStatus],
    main_status: main,
    main_status_desc: ORDER_STATUS_DESC[main],
    create_time: msToSec(o.created_at),
    pay_time: msToSec(o.paid_at),
    update_time: msToSec(o.updated_at),
    finish_time: msToSec(o.completed_at ?? o.cancelled_at),
    exp_ship_time: msToSec(o.ship_by_at),
    ship_time: msToSec(o.shipped_at),
    order_amount: Number(o.total_fen),
    pay_amount: o.paid_at !== null ? Number(o.total_fen) : 0,
    post_amount: Number(o.shipping_fee_fen),
    promotion_amount: Number(o.discount_fen),
    modify_amount: 0,
    pay_type: o.paid_at !== null ? 1 : 7,
    buyer_words: o.buyer_note,
    seller_words: o.seller_remark,
    seller_remark_stars: Number(o.seller_remark_star),
    post_receiver: a.name ?? '',
    post_tel: maskPhone(a.phone ?? ''),
    mask_post_receiver: a.name ?? '',
    mask_post_tel: maskPhone(a.phone ?? ''),
    post_addr: {
      province: { id: '', name: a.province ?? '' },
      city: { id: '', name: a.city ?? '' },
      town: { id: '', name: a.district ?? '' },
      street: { id: '', name: '' },
      detail: a.detail ?? '',
    },
    logistics_info: myShipments.map((s) => ({
      tracking_no: s.tracking_no,
      company: carrierByCode(s.carrier)?.code ?? s.carrier,
      company_name: carrierByCode(s.carrier)?.name ?? s.carrier,
      ship_time: msToSec(s.created_at),
      product_info: myShipmentLines
        .filter((x) => x.shipment_id === s.id)
        .map((x) => ({ sku_order_id: orderNums.get(x.order_line_id) })),
    })),
    sku_order_list: myLines.map((l) => {
      const c = myCases.filter((x) => x.order_line_id === l.id).at(-1);
      return {
        order_id: orderNums.get(l.id),
        parent_order_id: orderNums.get(o.id),
        product_id: Number(productNums.get(l.product_id)),
        product_id_str: productNums.get(l.product_id),
        sku_id: Number(skuNums.get(l.sku_id)),
        code: '',
        out_sku_id: '',
        out_product_id: '',
        product_name: l.title,
        product_pic: '',
        spec: (JSON.parse(l.spec_values) as string[]).map((v, i) => ({ name: `规格${i + 1}`, value: v })),
        item_num: Number(l.quantity),
        origin_amount: Number(l.unit_price_fen),
        sum_amount: Number(l.unit_price_fen) * Number(l.quantity),
        pay_amount: Number(l.line_total_fen),
        order_status: myShipmentLines.some((x) => x.order_line_id === l.id) && status === 'paid' ? 3 : orderStatus,
        after_sale_info: {
          after_sale_status: c ? 1 : 0,
          after_sale_type: c ? c.type : '',
          refund_status: c?.status === 'refunded' ? 3 : c ? 1 : 0,
        },
        inventory_list: [],
      };
    }),
  };
}

/** Two lists of rows of one statement hold the same values in the same order. */
export function sameRows<T extends object>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameRow(a[i]!, b[i]!)) return false;
  return true;
}

export function sameRow<T extends object>(a: T, b: T): boolean {
  for (const k in a) if (a[k] !== b[k]) return false;
  return true;
}
