/** Row types of the supply module's tables (merged into `Database` in schema.ts). */

export interface SuppliersTable {
  id: string;
  shop_id: string;
  name: string;
  contact_name: string;
  phone: string;
  region: string;
  note: string;
  created_at: number;
  updated_at: number;
}

/** 产地 / 基地: where the goods are grown, raised, caught or made. */
export interface ProductionBasesTable {
  id: string;
  shop_id: string;
  /** The supplier that runs the base, when known. */
  supplier_id: string | null;
  name: string;
  kind: string; // farm | orchard | ranch | fishery | factory
  province: string;
  city: string;
  description: string;
  created_at: number;
  updated_at: number;
}

/** 批次: goods of one SKU from one supplier, harvested or produced on one date. */
export interface SupplyBatchesTable {
  id: string;
  shop_id: string;
  product_id: string;
  sku_id: string;
  supplier_id: string;
  base_id: string | null;
  code: string; // unique per shop
  harvested_at: number; // harvest or production date (epoch ms)
  shelf_life_days: number | null;
  quantity: number; // units received (or to be received while pending)
  remaining: number; // units not yet shipped; 0 until received
  status: string; // pending | received
  received_at: number | null;
  note: string;
  created_at: number;
  updated_at: number;
}

export interface SupplyQcRecordsTable {
  id: string;
  batch_id: string;
  shop_id: string;
  result: string; // pass | fail
  inspector: string;
  notes: string;
  checked_at: number;
  created_at: number;
}

/** Photos of bases and quality checks; uploaded first, then attached to one base or QC record. */
export interface SupplyPhotosTable {
  id: string;
  shop_id: string;
  /** The base or QC record the photo belongs to (null until attached). */
  attached_to: string | null;
  file_name: string;
  content_type: string;
  bytes: number;
  created_at: number;
}

/** Which batch(es) a shipped order line's units came from. */
export interface OrderLineBatchesTable {
  order_line_id: string;
  batch_id: string;
  order_id: string;
  shop_id: string;
  quantity: number;
  created_at: number;
}

export interface SupplyTables {
  suppliers: SuppliersTable;
  production_bases: ProductionBasesTable;
  supply_batches: SupplyBatchesTable;
  supply_qc_records: SupplyQcRecordsTable;
  supply_photos: SupplyPhotosTable;
  order_line_batches: OrderLineBatchesTable;
}
