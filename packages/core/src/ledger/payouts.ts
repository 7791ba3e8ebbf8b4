/**
 * Payouts: merchants, creators, MCNs and colonels withdraw available balances to a registered
 * account through the payout provider.
 *
 * Never more than available, never twice: the request takes a row lock on the account's cached
 * balance with a conditional update (`balance >= amount`), then posts available → in transit in
 * the same transaction, with a unique request key. The worker submits it (the provider is
 * idempotent by payout id, so a retry after a lost answer pays once); the provider's signed
 * notification settles it (in transit → provider cash) or returns the money (in transit →
 * available). Duplicate and late notifications change nothing.
 */
import { assertShopNotPenalised } from '../violations/index.js';
import type { Actor, CoreContext } from '../context.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { insertRows } from '../storage/index.js';
import type { PayoutNotification } from './payout-provider.js';
import { accountId } from './accounts.js';
import { requireViewable, requireWithdrawable } from './access.js';
import { balanceOf, postJournal } from './journal.js';
import { payoutAllowed } from './split-rules.js';
import { checkRequestKey } from './request-key.js';
import { PAYOUT_STATES, type PayoutStatus } from './payout-states.js';

export const MIN_PAYOUT_FEN = 100; // ¥1
/** A payout account's holder name and bank name, in characters (after trimming). */
export const PAYOUT_HOLDER_NAME_MAX = 40;
export const PAYOUT_BANK_NAME = { min: 2, max: 40 } as const;
const MAX_SUBMIT_ATTEMPTS = 8;
const backoffMs = (attempt: number): number => Math.min(30_000 * 2 ** (attempt - 1), 60 * 60 * 1000);
export const payoutNotifyPath = (provider: string): string => `/api/v1/payouts/notify/${provider}`;

export interface PayoutAccountView {
  id: string;
  ledgerAccountId: string;
  holderName: string;
  bank: string;
  accountNoMasked: string;
  createdAt: number;
}

const mask = (no: string): string => `****${no.slice(-4)}`;

export async function registerPayoutAccount(
  ctx: CoreContext,
  actor: Actor,
  input: { ledgerAccountId: string; holderName: string; bank: string; accountNo: string },
): Promise<PayoutAccountView> {
  requireWithdrawable(actor, input.ledgerAccountId);
  const holderName = input.holderName.trim();
  const bank = input.bank.trim();
  const accountNo = input.accountNo.replace(/\s+/g, '');
  if (holderName.length < 1 || holderName.length > PAYOUT_HOLDER_NAME_MAX)
    throw invalid(`holderName must be 1–${PAYOUT_HOLDER_NAME_MAX} characters`, { field: 'holderName' });
  if (bank.length < PAYOUT_BANK_NAME.min || bank.length > PAYOUT_BANK_NAME.max)
    throw invalid(`bank must be ${PAYOUT_BANK_NAME.min}–${PAYOUT_BANK_NAME.max} characters`, { field: 'bank' });
  if (!/^[0-9]{8,30}$/.test(accountNo)) throw invalid('accountNo must be 8–30 digits', { field: 'accountNo' });
  const now = ctx.clock.now();
  const id = newId('payoutAccount', now);
  await ctx.db.transaction().execute(async (tx) => {
    const parsed = requireWithdrawable(actor, input.ledgerAccountId);
    await insertRows(
      tx,
      'ledger_accounts',
      [{ id: input.ledgerAccountId, kind: parsed.kind, owner_id: parsed.ownerId, created_at: now }],
      { onConflictDoNothing: ['id'] },
    );
    await tx
      .insertInto('payout_accounts')
      .values({
        id,
        ledger_account_id: input.ledgerAccountId,
        holder_name: holderName,
        bank,
        account_no: accountNo,
        created_by: actor.userId,
        created_at: now,
      })
      .execute();
  });
  return {
    id,
    ledgerAccountId: input.ledgerAccountId,
    holderName,
    bank,
    accountNoMasked: mask(accountNo),
    createdAt: now,
  };
}

export async function listPayoutAccounts(
  ctx: CoreContext,
  actor: Actor,
  ledgerAccountId: string,
): Promise<PayoutAccountView[]> {
  requireViewable(actor, ledgerAccountId);
  const rows = await ctx.db
    .selectFrom('payout_accounts')
    .selectAll()
    .where('ledger_account_id', '=', ledgerAccountId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ledgerAccountId: r.ledger_account_id,
    holderName: r.holder_name,
    bank: r.bank,
    accountNoMasked: mask(r.account_no),
    createdAt: Number(r.created_at),
  }));
}

export interface PayoutView {
  id: string;
  ledgerAccountId: string;
  payoutAccountId: string;
  amountFen: number;
  status: string;
  attempts: number;
  failure: string | null;
  createdAt: number;
  completedAt: number | null;
}

function payoutView(r: {
  id: string;
  ledger_account_id: string;
  payout_account_id: string;
  amount_fen: number;
  status: string;
  attempts: number;
  failure: string | null;
  created_at: number;
  completed_at: number | null;
}): PayoutView {
  return {
    id: r.id,
    ledgerAccountId: r.ledger_account_id,
    payoutAccountId: r.payout_account_id,
    amountFen: Number(r.amount_fen),
    status: r.status,
    attempts: Number(r.attempts),
    failure: r.failure,
    createdAt: Number(r.created_at),
    completedAt: r.completed_at === null ? null : Number(r.completed_at),
  };
}

/** Requests a payout; the same request key answers the same payout. */
export async function requestPayout(
  ctx: CoreContext,
  actor: Actor,
  input: { payoutAccountId: string; amountFen: number; requestKey: string },
): Promise<PayoutView> {
  checkRequestKey(input.requestKey);
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new DomainError('INVALID_AMOUNT', 'the amount must be a positive whole number of fen', {
      field: 'amountFen',
    });
  if (payoutAllowed(Number.MAX_SAFE_INTEGER, input.amountFen, MIN_PAYOUT_FEN) === 'BELOW_MINIMUM')
    throw new DomainError('BELOW_MINIMUM_PAYOUT', `the smallest payout is ${MIN_PAYOUT_FEN} fen`, {
      minimumFen: MIN_PAYOUT_FEN,
    });
  const target = await ctx.db
    .selectFrom('payout_accounts')
    .selectAll()
    .where('id', '=', input.payoutAccountId)
    .executeTakeFirst();
  if (!target) throw notFound('payout account', input.payoutAccountId);
  let owner: { kind: string; ownerId: string };
  try {
    owner = requireWithdrawable(actor, target.ledger_account_id);
  } catch {
    throw notFound('payout account', input.payoutAccountId);
  }
  // A shop's payouts are held while a penalty of violation points says so.
  if (owner.kind === 'merchant_available')
    await assertShopNotPenalised(ctx.db, owner.ownerId, 'PAYOUT_HELD', ctx.clock.now());
  const provider = ctx.payments.money?.defaultPayout;
  if (!provider) throw new DomainError('PROVIDER_UNAVAILABLE', 'no payout provider is configured');
  const account = target.ledger_account_id;
  const key = `${account}:${input.requestKey}`;
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const seen = await tx.selectFrom('payouts').selectAll().where('request_key', '=', key).executeTakeFirst();
    if (seen) {
      if (Number(seen.amount_fen) !== input.amountFen || seen.payout_account_id !== input.payoutAccountId)
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this request key was used for another payout');
      return payoutView(seen);
    }
    // Lock the balance row and check it in one statement: concurrent requests queue here.
    const locked = await tx
      .updateTable('ledger_balances')
      .set({ updated_at: now })
      .where('account_id', '=', account)
      .where('balance_fen', '>=', input.amountFen)
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) !== 1)
      throw new DomainError('INSUFFICIENT_FUNDS', 'the payout is more than the available balance', {
        availableFen: await balanceOf(tx, account),
      });
    const id = newId('payout', now);
    await tx
      .insertInto('payouts')
      .values({
        id,
        ledger_account_id: account,
        payout_account_id: input.payoutAccountId,
        provider: provider.name,
        amount_fen: input.amountFen,
        status: 'requested',
        request_key: key,
        provider_payout_id: null,
        attempts: 0,
        next_attempt_at: now,
        failure: null,
        created_by: actor.userId,
        created_at: now,
        completed_at: null,
      })
      .execute();
    await postJournal(
      tx,
      {
        reason: 'payout_requested',
        refKind: 'payout',
        refId: id,
        memo: '提现申请 / payout requested',
        entries: [
          { account, amountFen: -input.amountFen },
          { account: accountId('payouts_in_transit'), amountFen: input.amountFen },
        ],
      },
      now,
    );
    await emit(tx, 'payout.requested', id, { payoutId: id, amountFen: input.amountFen }, now);
    return payoutView(await tx.selectFrom('payouts').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function listPayouts(
  ctx: CoreContext,
  actor: Actor,
  ledgerAccountId: string,
  limit = 50,
): Promise<PayoutView[]> {
  requireViewable(actor, ledgerAccountId);
  const rows = await ctx.db
    .selectFrom('payouts')
    .selectAll()
    .where('ledger_account_id', '=', ledgerAccountId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(payoutView);
}

/** Sends requested payouts to the provider; unreachable providers are retried with back-off. Run by the worker. */
export async function submitPayouts(ctx: CoreContext, limit = 50): Promise<number> {
  const money = ctx.payments.money;
  if (!money) return 0;
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('payouts')
    .innerJoin('payout_accounts', 'payout_accounts.id', 'payouts.payout_account_id')
    .select([
      'payouts.id',
      'payouts.amount_fen',
      'payouts.provider',
      'payouts.attempts',
      'payout_accounts.holder_name',
      'payout_accounts.bank',
      'payout_accounts.account_no',
    ])
    .where('payouts.status', '=', 'requested')
    .where('payouts.next_attempt_at', '<=', now)
    .orderBy('payouts.next_attempt_at')
    .limit(limit)
    .execute();
  let sent = 0;
  for (const p of due) {
    const provider = money.payout(p.provider);
    if (!provider) continue;
    try {
      const out = await provider.submitPayout({
        payoutId: p.id,
        amountFen: Number(p.amount_fen),
        holderName: p.holder_name,
        bank: p.bank,
        accountNo: p.account_no,
        notifyUrl: ctx.payments.baseUrl() + payoutNotifyPath(provider.name),
      });
      await ctx.db
        .updateTable('payouts')
        .set({
          status: PAYOUT_STATES.assertTransition('requested', 'submit', 'system'),
          provider_payout_id: out.providerPayoutId,
          attempts: Number(p.attempts) + 1,
        })
        .where('id', '=', p.id)
        .where('status', 'in', PAYOUT_STATES.sourcesOf('submit', 'system'))
        .execute();
      sent++;
    } catch (e) {
      const attempts = Number(p.attempts) + 1;
      const failure = (e instanceof Error ? e.message : String(e)).slice(0, 300);
      if (attempts >= MAX_SUBMIT_ATTEMPTS) {
        await failPayout(ctx, p.id, `PROVIDER_UNREACHABLE: ${failure}`);
      } else {
        await ctx.db
          .updateTable('payouts')
          .set({ attempts, next_attempt_at: ctx.clock.now() + backoffMs(attempts), failure })
          .where('id', '=', p.id)
          .where('status', '=', 'requested')
          .execute();
      }
    }
  }
  return sent;
}

/** Gives up on a payout the provider never accepted: the money goes back to available. */
async function failPayout(ctx: CoreContext, payoutId: string, failure: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const p = await tx.selectFrom('payouts').selectAll().where('id', '=', payoutId).executeTakeFirstOrThrow();
    const res = await tx
      .updateTable('payouts')
      .set({ status: PAYOUT_STATES.assertTransition('requested', 'give_up', 'system'), failure, completed_at: now })
      .where('id', '=', payoutId)
      .where('status', 'in', PAYOUT_STATES.sourcesOf('give_up', 'system'))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return;
    await postJournal(
      tx,
      {
        reason: 'payout_returned',
        refKind: 'payout',
        refId: payoutId,
        memo: `提现失败退回 / payout failed: ${failure}`,
        entries: [
          { account: accountId('payouts_in_transit'), amountFen: -Number(p.amount_fen) },
          { account: p.ledger_account_id, amountFen: Number(p.amount_fen) },
        ],
      },
      now,
    );
  });
}

export type PayoutOutcome = 'applied' | 'duplicate' | 'ignored' | 'rejected';

/** Verifies and applies a payout provider's notification (idempotent by event id). */
export async function receivePayoutNotification(
  ctx: CoreContext,
  providerName: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): Promise<{ outcome: PayoutOutcome; reason?: string }> {
  const provider = ctx.payments.money?.payout(providerName);
  if (!provider) throw notFound('payout provider', providerName);
  return applyPayoutNotification(ctx, provider.name, provider.verifyPayoutNotification(headers, rawBody));
}

export async function applyPayoutNotification(
  ctx: CoreContext,
  provider: string,
  n: PayoutNotification,
): Promise<{ outcome: PayoutOutcome; reason?: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const claimed = await insertRows(
      tx,
      'payout_notifications',
      [{ provider, event_id: n.eventId, outcome: 'applied', received_at: now }],
      { onConflictDoNothing: ['provider', 'event_id'] },
    );
    if (claimed !== 1) return { outcome: 'duplicate' as const };
    const result = await apply();
    if (result.outcome !== 'applied')
      await tx
        .updateTable('payout_notifications')
        .set({ outcome: `${result.outcome}:${result.reason ?? ''}` })
        .where('provider', '=', provider)
        .where('event_id', '=', n.eventId)
        .execute();
    return result;

    async function apply(): Promise<{ outcome: PayoutOutcome; reason?: string }> {
      const p = await tx.selectFrom('payouts').selectAll().where('id', '=', n.payoutId).executeTakeFirst();
      if (!p || p.provider !== provider) return { outcome: 'rejected', reason: 'UNKNOWN_PAYOUT' };
      if (Number(p.amount_fen) !== n.amountFen) return { outcome: 'rejected', reason: 'AMOUNT_MISMATCH' };
      if (p.provider_payout_id !== null && p.provider_payout_id !== n.providerPayoutId)
        return { outcome: 'rejected', reason: 'PAYOUT_MISMATCH' };
      const action = n.kind === 'payout.succeeded' ? 'succeed' : 'fail';
      const to = PAYOUT_STATES.next(p.status, action, 'provider');
      // requested too (the table says so): the notification may overtake our own record of the submission
      const res =
        to === null
          ? null
          : await tx
              .updateTable('payouts')
              .set({ status: to, provider_payout_id: n.providerPayoutId, failure: n.reason, completed_at: now })
              .where('id', '=', p.id)
              .where('status', 'in', PAYOUT_STATES.sourcesOf(action, 'provider'))
              .executeTakeFirst();
      if (to === null || !res || Number(res.numUpdatedRows) !== 1)
        return { outcome: 'ignored', reason: `PAYOUT_${p.status.toUpperCase()}` };
      const amount = Number(p.amount_fen);
      const entries =
        to === 'succeeded'
          ? [
              { account: accountId('payouts_in_transit'), amountFen: -amount },
              { account: accountId('provider_cash', provider), amountFen: amount },
            ]
          : [
              { account: accountId('payouts_in_transit'), amountFen: -amount },
              { account: p.ledger_account_id, amountFen: amount },
            ];
      await postJournal(
        tx,
        {
          reason: to === 'succeeded' ? 'payout_paid' : 'payout_returned',
          refKind: 'payout',
          refId: p.id,
          memo: to === 'succeeded' ? '提现到账 / payout paid' : `提现失败退回 / payout failed: ${n.reason ?? ''}`,
          entries,
        },
        now,
      );
      await emit(tx, `payout.${to}`, p.id, { payoutId: p.id, amountFen: amount }, now);
      return { outcome: 'applied' };
    }
  });
}

declare module '../outbox/outbox.js' {
  /** `payout.<status>` as the payout enters it (requested, succeeded, failed; submission is not announced). */
  interface OutboxEvents extends Record<`payout.${PayoutStatus}`, { payoutId: string; amountFen: number }> {}
}
