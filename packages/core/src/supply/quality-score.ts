/**
 * Supplier quality score (供应商质量分), 0–100. Pure formula here, the query in quality-report.ts.
 *
 * Inputs per supplier, over the order lines whose units shipped from its batches:
 * - shippedUnits / shippedFen: units shipped from its batches and their value (unit price × units);
 * - claimedUnits: units from its batches on lines with a quality case (a fresh-produce claim, or
 *   a case for quality, spoiled, damaged or not-as-described goods) that was not withdrawn,
 *   rejected or closed without a refund — each line counted once however many cases it has;
 * - refundFen: what those cases refunded, shared among a line's batches by their units (the
 *   share of units that shipped unbatched is nobody's).
 *
 *   score = max(0, round(100 − 200 × claimedUnits / shippedUnits − 200 × refundFen / shippedFen))
 *
 * So every 1 % of units with a quality complaint costs 2 points and every 1 % of value refunded
 * for quality costs 2 more: 2 % claimed with half of it refunded scores 100 − 4 − 2 = 94. A
 * supplier with nothing shipped yet has no score (null), not a perfect one.
 */

export const CLAIM_WEIGHT = 200;
export const REFUND_WEIGHT = 200;

/** The after-sales cases that count against a supplier. */
export const QUALITY_REASONS = ['quality', 'spoiled', 'damaged', 'not_as_described'] as const;
export const QUALITY_CASE_TYPE = 'fresh_claim';
/** Cases in these statuses do not count: the buyer withdrew, the claim was rejected, or it closed without a refund. */
export const NOT_COUNTED_STATUSES = ['cancelled', 'rejected', 'closed'] as const;

export interface QualityInputs {
  shippedUnits: number;
  shippedFen: number;
  claimedUnits: number;
  refundFen: number;
}

export function qualityScore(i: QualityInputs): number | null {
  if (i.shippedUnits <= 0) return null;
  const claimRate = Math.min(1, Math.max(0, i.claimedUnits) / i.shippedUnits);
  const refundRate = i.shippedFen > 0 ? Math.min(1, Math.max(0, i.refundFen) / i.shippedFen) : 0;
  return Math.max(0, Math.round(100 - CLAIM_WEIGHT * claimRate - REFUND_WEIGHT * refundRate));
}

export function isQualityCase(c: { type: string; reasonCode: string; status: string }): boolean {
  if ((NOT_COUNTED_STATUSES as readonly string[]).includes(c.status)) return false;
  return c.type === QUALITY_CASE_TYPE || (QUALITY_REASONS as readonly string[]).includes(c.reasonCode);
}

/** One quality case's line, as far as one of its batches goes (a row per case × line batch). */
export interface CaseShare {
  caseId: string;
  lineId: string;
  batchId: string;
  supplierId: string;
  /** Units of the line from this batch. */
  units: number;
  lineQuantity: number;
  refundFen: number;
}

export interface SupplierTally {
  cases: number;
  claimedUnits: number;
  refundFen: number;
}

/**
 * Rolls case shares up per supplier: a line's units from a batch are claimed once however many
 * cases the line has; each case's refund is shared among the line's batches by units (rounded
 * to whole fen per supplier at the end); cases are counted once per supplier.
 */
export function tallyCases(shares: readonly CaseShare[]): Map<string, SupplierTally> {
  const acc = new Map<string, { cases: Set<string>; units: Map<string, number>; refund: number }>();
  for (const s of shares) {
    const a = acc.get(s.supplierId) ?? { cases: new Set<string>(), units: new Map<string, number>(), refund: 0 };
    a.cases.add(s.caseId);
    a.units.set(`${s.lineId}/${s.batchId}`, s.units);
    a.refund += s.lineQuantity > 0 ? (s.refundFen * s.units) / s.lineQuantity : 0;
    acc.set(s.supplierId, a);
  }
  const out = new Map<string, SupplierTally>();
  for (const [supplierId, a] of acc) {
    out.set(supplierId, {
      cases: a.cases.size,
      claimedUnits: [...a.units.values()].reduce((x, y) => x + y, 0),
      refundFen: Math.round(a.refund),
    });
  }
  return out;
}
