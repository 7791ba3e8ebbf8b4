import type { Generated } from 'kysely';
/**
 * Row types of the capacity module's tables (merged into `Database` in schema.ts). The column
 * 0008_capacity adds to orders is declared here too.
 */
export interface ShopCapacityTable {
  shop_id: string;
  warehouse: string;
  per_day: number;
  updated_at: number;
}

export interface ProductSurgePoliciesTable {
  product_id: string;
  shop_id: string;
  policy: string; // warn | presale | pause
  updated_at: number;
}

export interface CapacityTables {
  shop_capacity: ShopCapacityTable;
  product_surge_policies: ProductSurgePoliciesTable;
}

declare module './schema.js' {
  interface OrdersTable {
    promised_ship_by_at: Generated<number | null>;
  }
}
