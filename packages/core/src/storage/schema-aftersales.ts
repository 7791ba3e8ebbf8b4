import type { Generated } from 'kysely';
/**
 * Row types of the aftersales module's tables (merged into `Database` in schema.ts). The column
 * 0009_aftersales adds to shops (the fast-refund opt-in) is declared here too.
 */
/** A case's type and state (the after-sales module's machines, aftersales/case-transitions.ts). Declared here so the columns are typed with them. */
export type CaseType = 'refund_unshipped' | 'refund_only' | 'return_refund' | 'exchange' | 'fresh_claim';
export type CaseStatus =
  | 'requested'
  | 'countered'
  | 'awaiting_return'
  | 'return_shipped'
  | 'escalated'
  | 'refunded'
  | 'rejected'
  | 'completed'
  | 'closed'
  | 'cancelled';

export interface AftersalesCasesTable {
  id: string;
  order_id: string;
  order_line_id: string;
  shop_id: string;
  buyer_id: string;
  type: CaseType;
  status: CaseStatus;
  reason_code: string;
  note: string;
  /** What the buyer asked for (0 for an exchange). */
  requested_fen: number;
  /** What was refunded; 0 until refunded. */
  refund_fen: number;
  counter_fen: number | null;
  spoiled_percent: number | null;
  /** The order line while the case is open (unique: one open case per line). */
  open_line_key: string | null;
  /** The order line of a fresh-produce claim (unique: one claim per line, ever). */
  claim_line_key: string | null;
  return_carrier: string | null;
  return_tracking_no: string | null;
  return_shipped_at: number | null;
  reship_carrier: string | null;
  reship_tracking_no: string | null;
  reshipped_at: number | null;
  /** When the merchant rejected or countered (the buyer may escalate for 7 days). */
  decided_at: number | null;
  /** The running deadline of the case (mirrors its timer), if any. */
  deadline_kind: string | null;
  deadline_at: number | null;
  /** Listing order: most urgent open deadline first (see case-types.ts `caseSortKey`). */
  sort_key: string;
  created_at: number;
  updated_at: number;
}

export interface AftersalesEventsTable {
  id: string;
  case_id: string;
  at: number;
  actor: string; // buyer | merchant | admin | system
  actor_id: string | null;
  kind: string;
  text: string | null;
  amount_fen: number | null;
}

/** An uploaded photo; attached to a case (and the event that carried it) once used. */
export interface AftersalesEvidenceTable {
  id: string;
  uploader_id: string;
  case_id: string | null;
  event_id: string | null;
  file_name: string;
  content_type: string;
  bytes: number;
  created_at: number;
}

export interface AftersalesTables {
  aftersales_cases: AftersalesCasesTable;
  aftersales_events: AftersalesEventsTable;
  aftersales_evidence: AftersalesEvidenceTable;
}

declare module './schema.js' {
  interface ShopsTable {
    /** Fast refund (极速退款) opt-in: 1 when the shop lets the platform refund qualifying requests at once. */
    fast_refund: Generated<number>;
  }
}
