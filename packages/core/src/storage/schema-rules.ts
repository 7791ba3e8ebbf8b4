import type { Generated } from 'kysely';
/**
 * Row types of the rules and timers modules (merged into `Database` in schema.ts). The columns
 * 0006_rules_timers adds to categories, orders and order_lines are declared here too.
 */
export interface TimersTable {
  kind: string;
  subject_id: string;
  scope_id: string | null;
  due_at: number;
  payload: string; // JSON
  status: string; // pending | done | cancelled | failed
  attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  fired_at: number | null;
}

export interface RulesTables {
  timers: TimersTable;
}

declare module './schema.js' {
  interface CategoriesTable {
    rules: Generated<string>;
  }
  interface OrdersTable {
    rules: Generated<string>;
    ship_by_at: Generated<number | null>;
    late_at: Generated<number | null>;
  }
  interface OrderLinesTable {
    rules: Generated<string>;
  }
}
