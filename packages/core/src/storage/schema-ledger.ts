import type { Generated } from 'kysely';
/**
 * Row types of the ledger module's tables (merged into `Database` in schema.ts). The columns it
 * adds to order_lines and categories are declared here too and merged by interface merging.
 */
export interface LedgerAccountsTable {
  id: string; // `<kind>` or `<kind>:<owner id>`
  kind: string;
  owner_id: string | null;
  created_at: number;
}

export interface LedgerJournalsTable {
  id: string;
  reason: string;
  ref_kind: string; // order | refund | payout | compensation | adjustment
  ref_id: string;
  memo: string;
  created_at: number;
}

export interface LedgerEntriesTable {
  id: string;
  journal_id: string;
  account_id: string;
  amount_fen: number; // credit-positive: what the platform owes the account's holder
  created_at: number;
  /** The order line a commission entry pays for (settlement and clawback journals, 0018). */
  order_line_id: Generated<string | null>;
}

export interface LedgerBalancesTable {
  account_id: string;
  balance_fen: number;
  updated_at: number;
}

export interface LedgerOrderMoneyTable {
  order_id: string;
  shop_id: string;
  provider: string;
  captured_fen: number;
  refunded_fen: number;
  shipping_refunded_fen: number;
  status: string; // held | settled | closed
  settle_due_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface LedgerSettlementsTable {
  order_id: string;
  shop_id: string;
  journal_id: string;
  gross_fen: number;
  fee_fen: number;
  commission_fen: number;
  merchant_fen: number;
  settled_at: number;
}

export interface PayoutAccountsTable {
  id: string;
  ledger_account_id: string;
  holder_name: string;
  bank: string;
  account_no: string;
  created_by: string;
  created_at: number;
}

/** A payout's state (the ledger module's machine, ledger/payout-states.ts). Declared here so the column is typed with it. */
export type PayoutStatus = 'requested' | 'submitted' | 'succeeded' | 'failed';

export interface PayoutsTable {
  id: string;
  ledger_account_id: string;
  payout_account_id: string;
  provider: string;
  amount_fen: number;
  status: PayoutStatus;
  request_key: string;
  provider_payout_id: string | null;
  attempts: number;
  next_attempt_at: number;
  failure: string | null;
  created_by: string;
  created_at: number;
  completed_at: number | null;
}

export interface PayoutNotificationsTable {
  provider: string;
  event_id: string;
  outcome: string;
  received_at: number;
}

export interface ReconciliationReportsTable {
  id: string;
  day: string;
  checked: number;
  mismatches: string; // JSON
  mismatch_count: number;
  created_at: number;
}

export interface SandboxPayoutsTable {
  id: string;
  request_key: string;
  amount_fen: number;
  account_no: string;
  holder_name: string;
  status: string;
  created_at: number;
}

export type CompensationKind = 'late_shipment' | 'return_insurance' | 'manual';
export type CompensationPayoutStatus = 'pending' | 'succeeded' | 'failed';

/** Compensation owed to a buyer, paid through the provider to the order's original payment (0017). */
export interface CompensationPayoutsTable {
  id: string;
  order_id: string;
  payment_id: string | null;
  kind: CompensationKind;
  paid_by: 'merchant' | 'platform';
  booked_ref: string; // ref_id of the compensation journal that booked it
  amount_fen: number;
  status: CompensationPayoutStatus;
  provider_transfer_id: string | null;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  completed_at: number | null;
}

export interface SandboxTransfersTable {
  id: string;
  txn_id: string;
  amount_fen: number;
  request_key: string;
  status: string; // succeeded
  created_at: number;
}

export interface LedgerTables {
  ledger_accounts: LedgerAccountsTable;
  ledger_journals: LedgerJournalsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_balances: LedgerBalancesTable;
  ledger_order_money: LedgerOrderMoneyTable;
  ledger_settlements: LedgerSettlementsTable;
  payout_accounts: PayoutAccountsTable;
  payouts: PayoutsTable;
  payout_notifications: PayoutNotificationsTable;
  reconciliation_reports: ReconciliationReportsTable;
  sandbox_payouts: SandboxPayoutsTable;
  compensation_payouts: CompensationPayoutsTable;
  sandbox_transfers: SandboxTransfersTable;
  ledger_shop_terms: LedgerShopTermsTable;
}

/** A shop's settlement terms: a cap on the settlement window (a top experience score settles sooner). */
export interface LedgerShopTermsTable {
  shop_id: string;
  /** Settle at most this many days after completion; null: the category's window. */
  settle_cap_days: number | null;
  reason: string;
  updated_at: number;
}

// Columns 0005_ledger adds to tables of the foundation (optional on insert: they have defaults).
declare module './schema.js' {
  interface OrderLinesTable {
    creator_rate_bp: Generated<number>;
    mcn_id: string | null;
    mcn_share_bp: Generated<number>;
    colonel_id: string | null;
    colonel_fee_bp: Generated<number>;
    refunded_fen: Generated<number>;
  }
  interface CategoriesTable {
    settle_window_days: Generated<number>;
  }
}
