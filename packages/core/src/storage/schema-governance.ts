/** Row types of the governance module's tables (merged into `Database` in schema.ts). */

export interface GovernanceTermsTable {
  id: string;
  text: string;
  /** The folded form (what the matcher reads); unique, so one term is not entered twice in two spellings. */
  folded: string;
  class: string; // absolute | medical | diversion | bait | prohibited
  severity: string; // reject | review | warn
  rule: string; // a RuleCode
  enabled: number; // 0 | 1
  /** Who added it; null for the terms of the default book. */
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface GovernanceHomophonesTable {
  id: string;
  canonical: string;
  variant: string;
  created_by: string | null;
  created_at: number;
}

/** One row (id 'book'): the rule book's version, bumped by every change so matchers rebuild. */
export interface GovernanceBookTable {
  id: string;
  version: number;
  updated_at: number;
}

export interface GovernanceTables {
  governance_terms: GovernanceTermsTable;
  governance_homophones: GovernanceHomophonesTable;
  governance_book: GovernanceBookTable;
}
