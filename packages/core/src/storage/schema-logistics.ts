import type { Generated } from 'kysely';
/**
 * Row types of the logistics module's tables (merged into `Database` in schema.ts). The columns
 * 0007_logistics adds to shipments and orders are declared here too.
 */
export interface TrackingEventsTable {
  carrier: string;
  event_id: string;
  shipment_id: string;
  order_id: string;
  status: string;
  at: number;
  location: string;
  description: string;
  received_at: number;
}

export interface SandboxCarrierParcelsTable {
  waybill_no: string;
  merchant_ref: string;
  status: string; // accepted | cancelled
  created_at: number;
  cancelled_at: number | null;
}

export interface SandboxCarrierScansTable {
  event_id: string;
  waybill_no: string;
  seq: number;
  status: string;
  location: string;
  description: string;
  due_at: number;
  sent_at: number | null;
}

/** One edit of a parcel's carrier or tracking number (migration 0033): who, when, from what to what. */
export interface ShipmentEditsTable {
  id: string;
  shipment_id: string;
  order_id: string;
  shop_id: string;
  old_carrier: string;
  old_tracking_no: string;
  new_carrier: string;
  new_tracking_no: string;
  actor_id: string;
  at: number;
}

/** One change of an unshipped order's delivery address by its buyer (migration 0033; the orders module writes it). */
export interface OrderAddressChangesTable {
  id: string;
  order_id: string;
  old_address: string; // JSON, as orders.address
  new_address: string;
  actor_id: string;
  at: number;
}

export interface LogisticsTables {
  shipment_edits: ShipmentEditsTable;
  order_address_changes: OrderAddressChangesTable;
  tracking_events: TrackingEventsTable;
  sandbox_carrier_parcels: SandboxCarrierParcelsTable;
  sandbox_carrier_scans: SandboxCarrierScansTable;
}

declare module './schema.js' {
  interface OrdersTable {
    /** The carrier's first scan of any parcel (dispatch, for the ship-by rule). */
    dispatched_at: Generated<number | null>;
  }
  interface ShipmentsTable {
    tracking_status: Generated<string | null>;
    tracking_at: Generated<number | null>;
  }
}
