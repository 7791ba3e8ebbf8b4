import type { Kysely } from 'kysely';

/**
 * Logistics tracking: the platform's tracking events per parcel, the tracking status of each
 * shipment and the order's dispatch time (the carrier's first scan), and the sandbox carrier's
 * own records (sandbox_carrier_*, never read by the platform).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('tracking_events')
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull()) // the carrier's id: duplicates are ignored
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // collected | in_transit | out_for_delivery | delivered | exception
    .addColumn('at', ms, (c) => c.notNull()) // when the carrier scanned
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('tracking_events_pk', ['carrier', 'event_id'])
    .execute();
  await s.createIndex('tracking_events_shipment').on('tracking_events').columns(['shipment_id', 'at']).execute();

  // The furthest status the carrier reported (never moves backwards), and the order's first scan.
  await s.alterTable('shipments').addColumn('tracking_status', 'text').execute();
  await s.alterTable('shipments').addColumn('tracking_at', ms).execute();
  await s.alterTable('orders').addColumn('dispatched_at', ms).execute();

  await s
    .createTable('sandbox_carrier_parcels')
    .addColumn('waybill_no', 'text', (c) => c.primaryKey())
    .addColumn('merchant_ref', 'text', (c) => c.notNull().unique()) // the platform's shipment id
    .addColumn('status', 'text', (c) => c.notNull()) // accepted | cancelled
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('cancelled_at', ms)
    .execute();

  await s
    .createTable('sandbox_carrier_scans')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('waybill_no', 'text', (c) => c.notNull().references('sandbox_carrier_parcels.waybill_no'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('due_at', ms, (c) => c.notNull())
    .addColumn('sent_at', ms) // handed to the notification queue
    .execute();
  await s
    .createIndex('sandbox_carrier_scans_waybill')
    .on('sandbox_carrier_scans')
    .columns(['waybill_no', 'seq'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0007_logistics cannot be reverted');
}
