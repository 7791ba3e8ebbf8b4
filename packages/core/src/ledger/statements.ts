/**
 * Balances and per-account statements with a running balance (JSON pages and CSV export).
 * The running balance starts from the sum of every earlier entry of the account, so a page in
 * the middle of the history shows the same figures as the whole.
 */
import type { Actor, CoreContext } from '../context.js';
import { invalid, csvDocument, type CsvCell, formatFen } from '../platform/index.js';
import { ACCOUNT_KINDS, parseAccountId } from './accounts.js';
import { accountsOf, requireViewable } from './access.js';

export interface BalanceView {
  accountId: string;
  kind: string;
  ownerId: string | null;
  label: string;
  balanceFen: number;
}

function label(account: string): string {
  const a = parseAccountId(account);
  return a ? ACCOUNT_KINDS[a.kind] : account;
}

async function balances(ctx: CoreContext, accounts: string[]): Promise<BalanceView[]> {
  if (accounts.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('ledger_balances')
    .select(['account_id', 'balance_fen'])
    .where('account_id', 'in', accounts)
    .execute();
  const by = new Map(rows.map((r) => [r.account_id, Number(r.balance_fen)]));
  return accounts.map((a) => ({
    accountId: a,
    kind: parseAccountId(a)!.kind,
    ownerId: parseAccountId(a)!.ownerId,
    label: label(a),
    balanceFen: by.get(a) ?? 0,
  }));
}

/** The caller's own accounts: each shop's pending (clearing) and available, and their creator / MCN / colonel earnings. */
export async function myBalances(ctx: CoreContext, actor: Actor): Promise<BalanceView[]> {
  return balances(ctx, accountsOf(actor));
}

/** The platform's own accounts (admins). */
export async function platformBalances(ctx: CoreContext, actor: Actor): Promise<BalanceView[]> {
  requireViewable(actor, 'platform_fee_revenue');
  const rows = await ctx.db
    .selectFrom('ledger_accounts')
    .select('id')
    .where('owner_id', 'is', null)
    .orderBy('id')
    .execute();
  const providers = await ctx.db
    .selectFrom('ledger_accounts')
    .select('id')
    .where('kind', '=', 'provider_cash')
    .orderBy('id')
    .execute();
  const platform = await balances(ctx, [...rows.map((r) => r.id), ...providers.map((r) => r.id)]);
  // Buyers' money held for every shop until settlement: the sum of all shops' clearing accounts.
  const clearing = await ctx.db
    .selectFrom('ledger_balances')
    .innerJoin('ledger_accounts', 'ledger_accounts.id', 'ledger_balances.account_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('ledger_balances.balance_fen'), eb.lit(0)).as('total'))
    .where('ledger_accounts.kind', '=', 'clearing')
    .executeTakeFirstOrThrow();
  return [
    ...platform,
    {
      accountId: 'clearing',
      kind: 'clearing',
      ownerId: null,
      label: ACCOUNT_KINDS.clearing,
      balanceFen: Number(clearing.total),
    },
  ];
}

export interface StatementLine {
  entryId: string;
  at: number;
  journalId: string;
  reason: string;
  refKind: string;
  refId: string;
  memo: string;
  amountFen: number;
  balanceFen: number;
}

export interface StatementQuery {
  from?: number | undefined;
  to?: number | undefined;
  limit?: number | undefined;
  cursor?: string | undefined; // the last entry id of the previous page
}

export async function statement(
  ctx: CoreContext,
  actor: Actor,
  account: string,
  q: StatementQuery,
): Promise<{ accountId: string; openingFen: number; items: StatementLine[]; nextCursor: string | null }> {
  requireViewable(actor, account);
  const limit = q.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw invalid('limit must be 1–100000', { field: 'limit' });
  if (q.from !== undefined && q.to !== undefined && q.from > q.to)
    throw invalid('from must not be after to', { field: 'from' });
  let query = ctx.db
    .selectFrom('ledger_entries')
    .innerJoin('ledger_journals', 'ledger_journals.id', 'ledger_entries.journal_id')
    .select([
      'ledger_entries.id',
      'ledger_entries.created_at',
      'ledger_entries.amount_fen',
      'ledger_journals.id as journal_id',
      'ledger_journals.reason',
      'ledger_journals.ref_kind',
      'ledger_journals.ref_id',
      'ledger_journals.memo',
    ])
    .where('ledger_entries.account_id', '=', account);
  if (q.from !== undefined) query = query.where('ledger_entries.created_at', '>=', q.from);
  if (q.to !== undefined) query = query.where('ledger_entries.created_at', '<', q.to);
  if (q.cursor !== undefined) query = query.where('ledger_entries.id', '>', q.cursor);
  const rows = await query
    .orderBy('ledger_entries.id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const first = page[0];
  let opening = 0;
  if (first) {
    const s = await ctx.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.sum<number | string | null>('amount_fen').as('s'))
      .where('account_id', '=', account)
      .where('id', '<', first.id)
      .executeTakeFirst();
    opening = Number(s?.s ?? 0);
  }
  let running = opening;
  const items = page.map((r) => {
    running += Number(r.amount_fen);
    return {
      entryId: r.id,
      at: Number(r.created_at),
      journalId: r.journal_id,
      reason: r.reason,
      refKind: r.ref_kind,
      refId: r.ref_id,
      memo: r.memo,
      amountFen: Number(r.amount_fen),
      balanceFen: running,
    };
  });
  return {
    accountId: account,
    openingFen: opening,
    items,
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

const yuan = (fen: number): string => formatFen(fen).replace('¥', '');

/** The statement as CSV for Excel (UTF-8 with BOM, CRLF, formula-safe text: `csvDocument`). */
export async function statementCsv(
  ctx: CoreContext,
  actor: Actor,
  account: string,
  q: Omit<StatementQuery, 'limit' | 'cursor'>,
): Promise<string> {
  const s = await statement(ctx, actor, account, { ...q, limit: 100_000 });
  const rows: CsvCell[][] = [
    [
      '时间 time (UTC)',
      '分录 entry',
      '凭证 journal',
      '事由 reason',
      '关联 ref',
      '摘要 memo',
      '金额 amount (CNY)',
      '余额 balance (CNY)',
    ],
  ];
  rows.push(['', '', '', 'opening', '', '期初余额 / opening balance', '', yuan(s.openingFen)]);
  for (const l of s.items)
    rows.push([
      new Date(l.at).toISOString(),
      l.entryId,
      l.journalId,
      l.reason,
      `${l.refKind}:${l.refId}`,
      l.memo,
      yuan(l.amountFen),
      yuan(l.balanceFen),
    ]);
  return csvDocument(rows);
}

export interface SettlementView {
  orderId: string;
  grossFen: number;
  feeFen: number;
  commissionFen: number;
  merchantFen: number;
  settledAt: number;
}

/** A shop's settled orders, newest first (members of the shop, or admins). */
export async function shopSettlements(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  q: { limit?: number | undefined; cursor?: string | undefined },
): Promise<{ items: SettlementView[]; nextCursor: string | null }> {
  requireViewable(actor, `merchant_available:${shopId}`);
  const limit = q.limit ?? 20;
  let query = ctx.db.selectFrom('ledger_settlements').selectAll().where('shop_id', '=', shopId);
  if (q.cursor) query = query.where('order_id', '<', q.cursor);
  const rows = await query
    .orderBy('order_id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      orderId: r.order_id,
      grossFen: Number(r.gross_fen),
      feeFen: Number(r.fee_fen),
      commissionFen: Number(r.commission_fen),
      merchantFen: Number(r.merchant_fen),
      settledAt: Number(r.settled_at),
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.order_id : null,
  };
}
