/**
 * Posting balanced journal transactions. Every money movement is one journal (reason, reference)
 * with entries summing to zero, written with the caller's transaction; entries are append-only
 * (nothing here updates or deletes them: a correction is a new journal). `ledger_balances` is a
 * cache of each account's sum of entries, updated in the same statement batch; `checkLedger`
 * proves it equal to the sum.
 */
import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { newId } from '../platform/index.js';
import { insertRows } from '../storage/index.js';
import { parseAccountId } from './accounts.js';

export interface JournalInput {
  reason: string; // capture | refund_requested | refund_paid | settlement | clawback | compensation | compensation_paid | payout_requested | payout_paid | payout_returned | adjustment
  refKind: string;
  refId: string;
  memo?: string;
  entries: ReadonlyArray<JournalEntryInput>;
}

/** One entry: an amount on an account, for a commission also the order line it pays for. */
export interface JournalEntryInput {
  account: string;
  amountFen: number;
  lineId?: string | undefined;
}

const CHUNK = 500;

/** Merges entries per account (and order line, when given) and drops zeros; throws when the journal does not balance. */
export function normaliseEntries(
  entries: JournalInput['entries'],
): Array<{ account: string; amountFen: number; lineId?: string }> {
  const by = new Map<string, { account: string; amountFen: number; lineId?: string }>();
  let sum = 0;
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amountFen)) throw new RangeError('entry amounts must be integers of fen');
    if (!parseAccountId(e.account)) throw new RangeError(`unknown account ${e.account}`);
    const key = e.lineId ? `${e.account}\u0000${e.lineId}` : e.account;
    const seen = by.get(key);
    if (seen) seen.amountFen += e.amountFen;
    else
      by.set(
        key,
        e.lineId
          ? { account: e.account, amountFen: e.amountFen, lineId: e.lineId }
          : { account: e.account, amountFen: e.amountFen },
      );
    sum += e.amountFen;
  }
  if (sum !== 0) throw new RangeError(`journal does not balance (off by ${sum} fen)`);
  return [...by.values()].filter((e) => e.amountFen !== 0);
}

/** Posts several journals at once (one statement per table and chunk). Returns their ids in order. */
export async function postJournals(tx: Tx, journals: readonly JournalInput[], now: number): Promise<string[]> {
  const journalRows: Array<{
    id: string;
    reason: string;
    ref_kind: string;
    ref_id: string;
    memo: string;
    created_at: number;
  }> = [];
  const entryRows: Array<{
    id: string;
    journal_id: string;
    account_id: string;
    amount_fen: number;
    created_at: number;
    order_line_id: string | null;
  }> = [];
  const delta = new Map<string, number>();
  const ids: string[] = [];
  for (const j of journals) {
    const entries = normaliseEntries(j.entries);
    const id = newId('journal', now);
    ids.push(id);
    journalRows.push({
      id,
      reason: j.reason,
      ref_kind: j.refKind,
      ref_id: j.refId,
      memo: (j.memo ?? '').slice(0, 300),
      created_at: now,
    });
    for (const e of entries) {
      entryRows.push({
        id: newId('entry', now),
        journal_id: id,
        account_id: e.account,
        amount_fen: e.amountFen,
        created_at: now,
        order_line_id: e.lineId ?? null,
      });
      delta.set(e.account, (delta.get(e.account) ?? 0) + e.amountFen);
    }
  }
  if (journalRows.length === 0) return ids;
  if (delta.size === 0) {
    for (let i = 0; i < journalRows.length; i += CHUNK)
      await insertRows(tx, 'ledger_journals', journalRows.slice(i, i + CHUNK));
    return ids;
  }
  const accounts = [...delta.keys()].sort();
  for (let i = 0; i < accounts.length; i += CHUNK) {
    const rows = accounts
      .slice(i, i + CHUNK)
      .map((a) => ({ id: a, kind: parseAccountId(a)!.kind, owner_id: parseAccountId(a)!.ownerId, created_at: now }));
    await insertRows(tx, 'ledger_accounts', rows, { onConflictDoNothing: ['id'] });
  }
  for (let i = 0; i < journalRows.length; i += CHUNK)
    await insertRows(tx, 'ledger_journals', journalRows.slice(i, i + CHUNK));
  for (let i = 0; i < entryRows.length; i += CHUNK)
    await insertRows(tx, 'ledger_entries', entryRows.slice(i, i + CHUNK));
  await applyBalanceDeltas(
    tx,
    accounts.map((a) => [a, delta.get(a)!] as const),
    now,
  );
  return ids;
}

export async function postJournal(tx: Tx, journal: JournalInput, now: number): Promise<string> {
  return (await postJournals(tx, [journal], now))[0]!;
}

/** Adds deltas to the cached balances (accounts in sorted order: no lock-order deadlocks). */
async function applyBalanceDeltas(
  tx: Tx,
  deltas: ReadonlyArray<readonly [string, number]>,
  now: number,
): Promise<void> {
  const rows = deltas.filter(([, d]) => d !== 0);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx
      .insertInto('ledger_balances')
      .values(
        rows.slice(i, i + CHUNK).map(([account_id, balance_fen]) => ({ account_id, balance_fen, updated_at: now })),
      )
      .onConflict((oc) =>
        oc.column('account_id').doUpdateSet({
          balance_fen: sql`ledger_balances.balance_fen + excluded.balance_fen`,
          updated_at: sql`excluded.updated_at`,
        }),
      )
      .execute();
  }
}

/** The cached balance of an account (0 when it has never moved). */
export async function balanceOf(db: Pick<Tx, 'selectFrom'>, account: string): Promise<number> {
  const row = await db
    .selectFrom('ledger_balances')
    .select('balance_fen')
    .where('account_id', '=', account)
    .executeTakeFirst();
  return row ? Number(row.balance_fen) : 0;
}
