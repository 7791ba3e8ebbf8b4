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

export interface LogisticsTables {
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
