/** Row types of the moderation module's tables: the review queue and reports (merged into `Database` in schema.ts). */

export interface ModerationItemsTable {
  id: string;
  subject_kind: string; // video | comment | product | live_room
  subject_id: string;
  /** Whose content it is (the author who sees the decision); null when unknown. */
  owner_id: string | null;
  source: string; // rules | reports
  status: string; // open | approved | rejected | dismissed | taken_down
  /** `${subject_kind}:${subject_id}` while open, null once decided. */
  open_key: string | null;
  /** The text under review, as it was when the item opened (the evidence the hits point into). */
  excerpt: string;
  hits: string; // JSON: the rule book's hits (field, term, severity, rule, start, end, matched)
  report_count: number;
  overdue: number; // 0 | 1: the review deadline passed before a decision
  due_at: number;
  opened_at: number;
  decided_at: number | null;
  decided_by: string | null;
  decision_reason: string | null;
  updated_at: number;
}

export interface ModerationReportsTable {
  id: string;
  item_id: string;
  reporter_id: string;
  subject_kind: string;
  subject_id: string;
  reason: string; // a ReportReason
  note: string;
  status: string; // open | dismissed | upheld
  /** `${reporter_id}:${subject_kind}:${subject_id}` while open, null once decided. */
  open_key: string | null;
  created_at: number;
}

export interface ModerationTables {
  moderation_items: ModerationItemsTable;
  moderation_reports: ModerationReportsTable;
}
