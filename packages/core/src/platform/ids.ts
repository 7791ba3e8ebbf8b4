import { monotonicFactory } from 'ulid';

/** Type prefixes of every id the platform issues. */
export const ID_PREFIX = {
  user: 'usr',
  session: 'ses',
  address: 'adr',
  shop: 'shp',
  category: 'cat',
  product: 'prd',
  sku: 'sku',
  image: 'img',
  checkout: 'chk',
  order: 'ord',
  orderLine: 'oln',
  transition: 'otr',
  reservation: 'rsv',
  shipment: 'shm',
  payment: 'pay',
  refund: 'rfd',
  outbox: 'evt',
  sandboxTxn: 'sbx',
  sandboxRefund: 'sbr',
  sandboxDelivery: 'sbd',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const ulid = monotonicFactory();

/** A sortable id with a type prefix, e.g. `ord_01JD3…`. Sorts by creation time. */
export function newId(kind: IdKind, now?: number): string {
  return `${ID_PREFIX[kind]}_${ulid(now).toLowerCase()}`;
}

/** True when `id` looks like an id of that kind (prefix and 26 base32 characters). */
export function isIdOf(kind: IdKind, id: string): boolean {
  return id.length === ID_PREFIX[kind].length + 27 && id.startsWith(`${ID_PREFIX[kind]}_`);
}
