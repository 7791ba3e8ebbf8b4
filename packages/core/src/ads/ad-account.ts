/**
 * The prepaid ad account (推广账户) of an advertiser — a shop or a creator (`AdOwner`). The money
 * is in the ledger: a top-up paid through the payment provider moves provider cash → the owner's
 * balance account (`ad_balance:<shop>`, `creator_ad_balance:<user>`); spend moves that balance →
 * `ad_revenue` in whole fen as the milli-fen spend of impressions adds up; a withdrawal moves the
 * unspent balance back to what the owner is paid out from (`merchant_available:<shop>`,
 * `creator_available:<user>`). `ad_accounts.balance_mfen` is the spendable balance, debited by a
 * conditional update, so it never goes below zero however many impressions are billed at once.
 */
import type { Actor, CoreContext, Tx } from '../context.js';
import { DomainError, notFound, newId, forbidden } from '../platform/index.js';
import { accountId, postJournal } from '../ledger/index.js';
import { MAX_TOPUP_FEN, MIN_TOPUP_FEN, type AdOwner, type AdOwnerKind, type AdTopupStatus } from './ad-types.js';
import { sql } from 'kysely';
import { dropHeldCandidates } from './candidate-cache.js';

export const topupNotifyPath = (provider: string): string => `/api/v1/ads/topups/notify/${provider}`;

export function assertShopMember(actor: Actor, shopId: string, ownerOnly = false): void {
  const role = actor.shops.get(shopId);
  if (!role || (ownerOnly && role !== 'owner')) throw notFound('shop', shopId);
}

/** The actor acts for this advertiser: a member of the shop (its owner for money: `ownerOnly`), or the creator themself (403 without the creator role). Anyone else's is 404. */
export function assertAdvertiser(actor: Actor, owner: AdOwner, ownerOnly = false): void {
  if (owner.kind === 'shop') {
    assertShopMember(actor, owner.id, ownerOnly);
    return;
  }
  if (owner.id !== actor.userId) throw notFound('creator', owner.id);
  if (!actor.roles.has('creator')) throw forbidden('this needs the creator role');
}

/** May the actor see this advertiser's account and campaigns (admins see all)? */
export function mayView(actor: Actor, owner: AdOwner): boolean {
  if (actor.roles.has('admin')) return true;
  return owner.kind === 'shop' ? actor.shops.has(owner.id) : owner.id === actor.userId;
}

/** The ledger account holding the owner's prepaid balance. */
export function adBalanceAccount(owner: AdOwner): string {
  return owner.kind === 'shop' ? accountId('ad_balance', owner.id) : accountId('creator_ad_balance', owner.id);
}

/** Where a withdrawal of unspent balance goes: the account the owner is paid out from. */
function payableAccount(owner: AdOwner): string {
  return owner.kind === 'shop' ? accountId('merchant_available', owner.id) : accountId('creator_available', owner.id);
}

export const ownerOf = (r: { owner_kind: string; owner_id: string }): AdOwner => ({
  kind: r.owner_kind as AdOwnerKind,
  id: r.owner_id,
});

export interface AdAccountView {
  owner: AdOwner;
  /** Spendable balance in fen (rounded down from milli-fen). */
  balanceFen: number;
  balanceMfen: number;
  spentFen: number;
  toppedUpFen: number;
  withdrawnFen: number;
  topups: Array<{ id: string; amountFen: number; status: AdTopupStatus; createdAt: number; paidAt: number | null }>;
}

async function ensureAccount(tx: Pick<Tx, 'insertInto'>, owner: AdOwner, now: number): Promise<void> {
  await tx
    .insertInto('ad_accounts')
    .values({
      owner_kind: owner.kind,
      owner_id: owner.id,
      balance_mfen: 0,
      spent_mfen: 0,
      posted_spend_fen: 0,
      topped_up_fen: 0,
      withdrawn_fen: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['owner_kind', 'owner_id']).doNothing())
    .execute();
}

export async function adAccount(ctx: CoreContext, actor: Actor, owner: AdOwner): Promise<AdAccountView> {
  if (!actor.roles.has('admin')) assertAdvertiser(actor, owner);
  const a = await ctx.db
    .selectFrom('ad_accounts')
    .selectAll()
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
  const topups = await ctx.db
    .selectFrom('ad_topups')
    .select(['id', 'amount_fen', 'status', 'created_at', 'paid_at'])
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  const balanceMfen = Number(a?.balance_mfen ?? 0);
  return {
    owner: { kind: owner.kind, id: owner.id },
    balanceFen: Math.floor(balanceMfen / 1000),
    balanceMfen,
    spentFen: Math.floor(Number(a?.spent_mfen ?? 0) / 1000),
    toppedUpFen: Number(a?.topped_up_fen ?? 0),
    withdrawnFen: Number(a?.withdrawn_fen ?? 0),
    topups: topups.map((t) => ({
      id: t.id,
      amountFen: Number(t.amount_fen),
      status: t.status as AdTopupStatus,
      createdAt: Number(t.created_at),
      paidAt: t.paid_at === null ? null : Number(t.paid_at),
    })),
  };
}

/** Starts a top-up: a payment at the provider (idempotent there by the top-up id); returns its cashier. */
export async function startTopup(
  ctx: CoreContext,
  actor: Actor,
  owner: AdOwner,
  amountFen: number,
  returnUrl = owner.kind === 'shop' ? '/merchant/ads?from=cashier' : '/creator/ads?from=cashier',
): Promise<{ topupId: string; cashierUrl: string }> {
  assertAdvertiser(actor, owner, true);
  if (!Number.isSafeInteger(amountFen) || amountFen < MIN_TOPUP_FEN || amountFen > MAX_TOPUP_FEN)
    throw new DomainError('AD_AMOUNT_INVALID', `a top-up is ¥${MIN_TOPUP_FEN / 100}–¥${MAX_TOPUP_FEN / 100}`, {
      min: MIN_TOPUP_FEN,
      max: MAX_TOPUP_FEN,
    });
  const now = ctx.clock.now();
  const provider = ctx.payments.default;
  const id = newId('adTopup', now);
  await ctx.db
    .insertInto('ad_topups')
    .values({
      id,
      owner_kind: owner.kind,
      owner_id: owner.id,
      amount_fen: amountFen,
      provider: provider.name,
      provider_txn_id: null,
      cashier_url: null,
      status: 'pending',
      created_by: actor.userId,
      created_at: now,
      paid_at: null,
    })
    .execute();
  const created = await provider.createPayment({
    paymentId: id,
    amountFen,
    description: `Zhongcao ad top-up ${owner.id}`,
    expiresAt: now + ctx.payWindowMs,
    notifyUrl: ctx.payments.baseUrl() + topupNotifyPath(provider.name),
    returnUrl,
  });
  await ctx.db
    .updateTable('ad_topups')
    .set({ provider_txn_id: created.providerTxnId, cashier_url: created.cashierUrl })
    .where('id', '=', id)
    .execute();
  return { topupId: id, cashierUrl: created.cashierUrl };
}

/** The provider's signed notification about a top-up: verified, then applied once (the top-up id claims it). */
export async function receiveTopupNotification(
  ctx: CoreContext,
  providerName: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): Promise<{ outcome: 'applied' | 'ignored' | 'rejected'; reason?: string }> {
  const provider = ctx.payments.get(providerName);
  if (!provider) throw notFound('payment provider', providerName);
  const n = provider.verifyNotification(headers, rawBody);
  if (n.kind !== 'payment.succeeded' && n.kind !== 'payment.failed') return { outcome: 'ignored', reason: 'kind' };
  const result = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const t = await tx.selectFrom('ad_topups').selectAll().where('id', '=', n.paymentId).executeTakeFirst();
    if (!t || t.provider !== providerName) return { outcome: 'rejected' as const, reason: 'UNKNOWN_TOPUP' };
    if (Number(t.amount_fen) !== n.amountFen) return { outcome: 'rejected' as const, reason: 'AMOUNT_MISMATCH' };
    if (t.provider_txn_id !== null && t.provider_txn_id !== n.providerTxnId)
      return { outcome: 'rejected' as const, reason: 'TXN_MISMATCH' };
    if (n.kind === 'payment.failed') return { outcome: 'ignored' as const, reason: 'failed' };
    const won = await tx
      .updateTable('ad_topups')
      .set({ status: 'succeeded', paid_at: now, provider_txn_id: n.providerTxnId })
      .where('id', '=', t.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) !== 1) return { outcome: 'ignored' as const, reason: 'duplicate' };
    const amount = Number(t.amount_fen);
    const owner = ownerOf(t);
    await ensureAccount(tx, owner, now);
    await tx
      .updateTable('ad_accounts')
      .set({
        balance_mfen: sql`balance_mfen + ${amount * 1000}`,
        topped_up_fen: sql`topped_up_fen + ${amount}`,
        updated_at: now,
      })
      .where('owner_kind', '=', owner.kind)
      .where('owner_id', '=', owner.id)
      .execute();
    await postJournal(
      tx,
      {
        reason: 'ad_topup',
        refKind: 'ad_topup',
        refId: t.id,
        memo: '推广账户充值 / ad account top-up',
        entries: [
          { account: accountId('provider_cash', providerName), amountFen: -amount },
          { account: adBalanceAccount(owner), amountFen: amount },
        ],
      },
      now,
    );
    return { outcome: 'applied' as const };
  });
  // A balance that was zero is not any more: the owner's campaigns may enter the auction at once.
  if (result.outcome === 'applied') dropHeldCandidates(ctx.db);
  return result;
}

/** Moves unspent balance (whole fen) back to what the owner is paid out from: the shop's available funds (its owner only) or the creator's commission balance. */
export async function withdrawAdBalance(
  ctx: CoreContext,
  actor: Actor,
  owner: AdOwner,
  amountFen: number,
): Promise<AdAccountView> {
  assertAdvertiser(actor, owner, true);
  if (!Number.isSafeInteger(amountFen) || amountFen < 1)
    throw new DomainError('AD_AMOUNT_INVALID', 'the amount must be a positive number of fen');
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const res = await tx
      .updateTable('ad_accounts')
      .set({
        balance_mfen: sql`balance_mfen - ${amountFen * 1000}`,
        withdrawn_fen: sql`withdrawn_fen + ${amountFen}`,
        updated_at: now,
      })
      .where('owner_kind', '=', owner.kind)
      .where('owner_id', '=', owner.id)
      .where('balance_mfen', '>=', amountFen * 1000)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new DomainError('AD_BALANCE_INSUFFICIENT', 'the ad balance is less than this amount');
    await postJournal(
      tx,
      {
        reason: 'ad_withdrawal',
        refKind: 'ad_account',
        refId: `${owner.kind}:${owner.id}`,
        memo: '推广余额转回 / unspent ad balance withdrawn',
        entries: [
          { account: adBalanceAccount(owner), amountFen: -amountFen },
          { account: payableAccount(owner), amountFen: amountFen },
        ],
      },
      now,
    );
  });
  // The balance may be zero now: the owner's campaigns leave the auction at once.
  dropHeldCandidates(ctx.db);
  return adAccount(ctx, actor, owner);
}

/**
 * Debits an impression's price from the owner's balance (inside the caller's transaction): a
 * conditional update, so the balance never goes below zero; the whole fen the spend crosses go to
 * the ledger (ad_balance → ad_revenue) at once. Returns false when the balance is short.
 */
export async function debitSpend(
  tx: Tx,
  owner: AdOwner,
  priceMfen: number,
  refId: string,
  now: number,
): Promise<boolean> {
  return (await debitSpendLeaving(tx, owner, priceMfen, refId, now)) !== null;
}

/** `debitSpend`, returning the balance it leaves in milli-fen (null when the balance is short). */
export async function debitSpendLeaving(
  tx: Tx,
  owner: AdOwner,
  priceMfen: number,
  refId: string,
  now: number,
): Promise<number | null> {
  const res = await tx
    .updateTable('ad_accounts')
    .set({
      balance_mfen: sql`balance_mfen - ${priceMfen}`,
      spent_mfen: sql`spent_mfen + ${priceMfen}`,
      updated_at: now,
    })
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .where('balance_mfen', '>=', priceMfen)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return null;
  const a = await tx
    .selectFrom('ad_accounts')
    .select(['balance_mfen', 'spent_mfen', 'posted_spend_fen'])
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .executeTakeFirstOrThrow();
  const due = Math.floor(Number(a.spent_mfen) / 1000) - Number(a.posted_spend_fen);
  if (due > 0) {
    await tx
      .updateTable('ad_accounts')
      .set({ posted_spend_fen: sql`posted_spend_fen + ${due}` })
      .where('owner_kind', '=', owner.kind)
      .where('owner_id', '=', owner.id)
      .execute();
    await postJournal(
      tx,
      {
        reason: 'ad_spend',
        refKind: 'ad_serve',
        refId,
        memo: '广告消耗 / ad spend',
        entries: [
          { account: adBalanceAccount(owner), amountFen: -due },
          { account: accountId('ad_revenue'), amountFen: due },
        ],
      },
      now,
    );
  }
  return Number(a.balance_mfen);
}
