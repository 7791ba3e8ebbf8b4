import type { Kysely } from 'kysely';

/**
 * An order transition's reason becomes a code with parameters (`reason_code`, `reason_params`
 * as JSON text), so clients word it in their own language; `reason` keeps the English sentence.
 * Rows written before carry the known sentences, which are given their codes here; any other
 * text stays as it is and reads as a legacy note.
 */
const KNOWN: Array<[string, string]> = [
  ['order placed', 'order_placed'],
  ['flash sale order placed', 'flash_sale_order_placed'],
  ['sample approved', 'sample_approved'],
  ['payment captured', 'payment_captured'],
  ['all parcels delivered', 'all_parcels_delivered'],
  ['all parcels delivered (carrier scan)', 'carrier_scan_delivered'],
  ['buyer confirmed receipt', 'buyer_confirmed_receipt'],
  ['receipt confirmed automatically', 'receipt_confirmed_automatically'],
  ['not paid in time', 'not_paid_in_time'],
  ['flash sale not paid in time', 'flash_sale_not_paid_in_time'],
  ['售后退款，订单关闭 / refunded in full before shipping', 'refunded_before_shipping'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('order_transitions')
    .addColumn('reason_code', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('order_transitions')
    .addColumn('reason_params', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  for (const [text, code] of KNOWN) {
    await db
      .updateTable('order_transitions')
      .set({ reason_code: code })
      .where('reason', '=', text)
      .where('reason_code', '=', '')
      .execute();
  }
  const shipped = await db
    .selectFrom('order_transitions')
    .select('reason')
    .distinct()
    .where('reason', 'like', 'shipped in % parcel(s)')
    .execute();
  for (const { reason } of shipped as Array<{ reason: string }>) {
    const parcels = /^shipped in (\d+) parcel\(s\)$/.exec(reason)?.[1];
    if (!parcels) continue;
    await db
      .updateTable('order_transitions')
      .set({ reason_code: 'shipped', reason_params: JSON.stringify({ parcels: Number(parcels) }) })
      .where('reason', '=', reason)
      .where('reason_code', '=', '')
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
