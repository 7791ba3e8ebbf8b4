/**
 * `ledger check`: every journal balances, every cached balance equals the sum of its account's
 * entries, buyer compensation is accounted for order by order (`compensationProblems`), and each
 * prepaid ad balance — a shop's `ad_balance` and a creator's `creator_ad_balance` — equals its ad
 * account's top-ups less withdrawals less the spend posted (`adBalanceProblems`). Read-only.
 */
import type { Db } from '../context.js';
import { accountId } from './accounts.js';

export type CompensationProblemCode =
  /** A compensation journal into the payable account with no payout to the buyer. */
  | 'BOOKED_WITHOUT_PAYOUT'
  /** A payout whose booking journal is missing, or books another amount. */
  | 'PAYOUT_NOT_BOOKED'
  /** A payout marked paid without its paid journal, or a paid journal for a payout not marked paid. */
  | 'PAID_STATUS_DIFFERS'
  /** What the order still owes its buyer in the payable account differs from its unpaid payouts (e.g. payable left once paid). */
  | 'ORDER_PAYABLE_DIFFERS'
  /** The payable account's balance differs from the sum of unpaid payouts. */
  | 'PAYABLE_BALANCE_DIFFERS';

export interface CompensationProblem {
  code: CompensationProblemCode;
  orderId: string | null;
  ref: string;
  expectedFen: number;
  actualFen: number;
}

/** A prepaid ad balance in the ledger that differs from its ad account (or has no account). */
export interface AdBalanceProblem {
  accountId: string;
  /** topped_up − withdrawn − posted spend of the ad account (0 when there is no account). */
  expectedFen: number;
  ledgerFen: number;
}

/** Every ad account's ledger balance against its own figures, for shops and creators alike; and no ad balance in the ledger without an account. */
export async function checkAdBalances(db: Db): Promise<AdBalanceProblem[]> {
  const accounts = await db
    .selectFrom('ad_accounts')
    .select(['owner_kind', 'owner_id', 'topped_up_fen', 'withdrawn_fen', 'posted_spend_fen'])
    .execute();
  const sums = await db
    .selectFrom('ledger_entries')
    .select(['account_id', (eb) => eb.fn.sum<number | string>('amount_fen').as('total')])
    .where((eb) => eb.or([eb('account_id', 'like', 'ad_balance:%'), eb('account_id', 'like', 'creator_ad_balance:%')]))
    .groupBy('account_id')
    .execute();
  // `_` is LIKE's any-character: the exact prefixes are checked here.
  const ledger = new Map(
    sums
      .filter((r) => r.account_id.startsWith('ad_balance:') || r.account_id.startsWith('creator_ad_balance:'))
      .map((r) => [r.account_id, Number(r.total)]),
  );
  const problems: AdBalanceProblem[] = [];
  for (const a of accounts) {
    const id =
      a.owner_kind === 'creator' ? accountId('creator_ad_balance', a.owner_id) : accountId('ad_balance', a.owner_id);
    const expected = Number(a.topped_up_fen) - Number(a.withdrawn_fen) - Number(a.posted_spend_fen);
    const actual = ledger.get(id) ?? 0;
    ledger.delete(id);
    if (expected !== actual) problems.push({ accountId: id, expectedFen: expected, ledgerFen: actual });
  }
  for (const [id, fen] of ledger) if (fen !== 0) problems.push({ accountId: id, expectedFen: 0, ledgerFen: fen });
  return problems.sort((x, y) => x.accountId.localeCompare(y.accountId));
}

export interface LedgerCheckReport {
  journals: number;
  entries: number;
  accounts: number;
  unbalancedJournals: Array<{ journalId: string; sumFen: number }>;
  balanceMismatches: Array<{ accountId: string; cachedFen: number; entriesFen: number }>;
  compensationProblems: CompensationProblem[];
  adBalanceProblems: AdBalanceProblem[];
  ok: boolean;
}

/**
 * Buyer compensation, order by order: every booking into the payable account has its payout of the
 * same amount; a payout is paid exactly when its paid journal exists; each order's payable (booked
 * less paid) equals its unpaid payouts, so nothing is left payable once paid; and the account's
 * balance is the sum of unpaid payouts.
 */
export async function checkCompensation(db: Db): Promise<CompensationProblem[]> {
  const payable = accountId('buyer_compensation_payable');
  const entries = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_journals as j', 'j.id', 'e.journal_id')
    .select(['j.reason', 'j.ref_id', 'e.amount_fen'])
    .where('e.account_id', '=', payable)
    .execute();
  const payouts = await db
    .selectFrom('compensation_payouts')
    .select(['id', 'order_id', 'booked_ref', 'amount_fen', 'status'])
    .execute();
  const booked = new Map<string, number>();
  const paid = new Map<string, number>();
  let balance = 0;
  for (const e of entries) {
    const fen = Number(e.amount_fen);
    balance += fen;
    if (e.reason === 'compensation') booked.set(e.ref_id, (booked.get(e.ref_id) ?? 0) + fen);
    else if (e.reason === 'compensation_paid') paid.set(e.ref_id, (paid.get(e.ref_id) ?? 0) - fen);
  }
  const problems: CompensationProblem[] = [];
  const byRef = new Map(payouts.map((p) => [p.booked_ref, p]));
  for (const [ref, fen] of booked) {
    if (!byRef.has(ref))
      problems.push({ code: 'BOOKED_WITHOUT_PAYOUT', orderId: null, ref, expectedFen: fen, actualFen: 0 });
  }
  const perOrder = new Map<string, { owed: number; unpaid: number }>();
  let unpaidTotal = 0;
  for (const p of payouts) {
    const amount = Number(p.amount_fen);
    const bookedFen = booked.get(p.booked_ref) ?? 0;
    const paidFen = paid.get(p.id) ?? 0;
    if (bookedFen !== amount)
      problems.push({
        code: 'PAYOUT_NOT_BOOKED',
        orderId: p.order_id,
        ref: p.id,
        expectedFen: amount,
        actualFen: bookedFen,
      });
    const expectPaid = p.status === 'succeeded' ? amount : 0;
    if (paidFen !== expectPaid)
      problems.push({
        code: 'PAID_STATUS_DIFFERS',
        orderId: p.order_id,
        ref: p.id,
        expectedFen: expectPaid,
        actualFen: paidFen,
      });
    const o = perOrder.get(p.order_id) ?? { owed: 0, unpaid: 0 };
    o.owed += bookedFen - paidFen;
    if (p.status !== 'succeeded') {
      o.unpaid += amount;
      unpaidTotal += amount;
    }
    perOrder.set(p.order_id, o);
  }
  for (const [orderId, o] of perOrder) {
    if (o.owed !== o.unpaid)
      problems.push({ code: 'ORDER_PAYABLE_DIFFERS', orderId, ref: orderId, expectedFen: o.unpaid, actualFen: o.owed });
  }
  if (balance !== unpaidTotal)
    problems.push({
      code: 'PAYABLE_BALANCE_DIFFERS',
      orderId: null,
      ref: payable,
      expectedFen: unpaidTotal,
      actualFen: balance,
    });
  return problems;
}

export async function checkLedger(db: Db): Promise<LedgerCheckReport> {
  const unbalanced = await db
    .selectFrom('ledger_entries')
    .select(['journal_id', (eb) => eb.fn.sum<number | string>('amount_fen').as('total')])
    .groupBy('journal_id')
    .having((eb) => eb.fn.sum('amount_fen'), '<>', 0)
    .limit(1000)
    .execute();
  const sums = await db
    .selectFrom('ledger_entries')
    .select(['account_id', (eb) => eb.fn.sum<number | string>('amount_fen').as('total')])
    .groupBy('account_id')
    .execute();
  const cached = await db.selectFrom('ledger_balances').select(['account_id', 'balance_fen']).execute();
  const counts = await db
    .selectFrom('ledger_journals')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const entryCount = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const bySum = new Map(sums.map((s) => [s.account_id, Number(s.total)]));
  const byCache = new Map(cached.map((c) => [c.account_id, Number(c.balance_fen)]));
  const mismatches: LedgerCheckReport['balanceMismatches'] = [];
  for (const id of new Set([...bySum.keys(), ...byCache.keys()])) {
    const a = byCache.get(id) ?? 0;
    const b = bySum.get(id) ?? 0;
    if (a !== b) mismatches.push({ accountId: id, cachedFen: a, entriesFen: b });
  }
  const unbalancedJournals = unbalanced.map((u) => ({ journalId: u.journal_id, sumFen: Number(u.total) }));
  const compensationProblems = await checkCompensation(db);
  const adBalanceProblems = await checkAdBalances(db);
  return {
    journals: Number(counts.n),
    entries: Number(entryCount.n),
    accounts: bySum.size,
    unbalancedJournals,
    balanceMismatches: mismatches.sort((x, y) => x.accountId.localeCompare(y.accountId)),
    compensationProblems,
    adBalanceProblems,
    ok:
      unbalancedJournals.length === 0 &&
      mismatches.length === 0 &&
      compensationProblems.length === 0 &&
      adBalanceProblems.length === 0,
  };
}
