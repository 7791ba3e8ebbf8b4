/** Row types of the violations module's tables (merged into `Database` in schema.ts). */

/** An admin's change to a rule of the catalogue (rules without a row keep their default points). */
export interface ViolationRulesTable {
  code: string;
  milli_points: number;
  updated_by: string | null;
  updated_at: number;
}

/** One violation of one rule by a shop or a creator (about one order, case, item or message). */
export interface ViolationsTable {
  id: string;
  subject_kind: string; // shop | creator
  subject_id: string; // the shop's id or the creator's user id
  rule: string; // a ViolationRuleCode
  ledger: string; // general | serious | fake_transaction
  ref_id: string; // what it is about (an order, a case, a video…)
  milli_points: number; // 1000 = 1 point
  status: string; // in_force | revoked
  appeals_used: number;
  detail: string; // JSON
  recorded_by: string | null; // an admin who recorded it by hand
  created_at: number;
  expires_at: number;
  updated_at: number;
}

export interface ViolationAppealsTable {
  id: string;
  violation_id: string;
  attempt: number; // 1 | 2
  text: string;
  evidence: string; // JSON: [{ id, url }]
  status: string; // pending | granted | rejected
  filed_by: string;
  decided_by: string | null;
  decision_reason: string | null;
  created_at: number;
  decided_at: number | null;
}

/** A penalty a milestone applied, from its start to its end (or until lifted). */
export interface ViolationPenaltiesTable {
  id: string;
  subject_kind: string;
  subject_id: string;
  ledger: string;
  milestone: number; // points (12, 24, 36, 48) or the caution point below one (7, 19…)
  kind: string; // a PenaltyKind
  multiplier_permille: number | null; // traffic throttle: 700 = ×0.7
  status: string; // active | ended | lifted
  starts_at: number;
  ends_at: number;
  lifted_at: number | null;
  lift_reason: string | null;
  created_at: number;
}

/** The timeline of a violation: recorded, appealed, decided, penalties applied and lifted. */
export interface ViolationEventsTable {
  id: string;
  violation_id: string;
  kind: string;
  detail: string; // JSON
  actor_id: string | null;
  at: number;
}

export interface ViolationsTables {
  violation_rules: ViolationRulesTable;
  violations: ViolationsTable;
  violation_appeals: ViolationAppealsTable;
  violation_penalties: ViolationPenaltiesTable;
  violation_events: ViolationEventsTable;
}
