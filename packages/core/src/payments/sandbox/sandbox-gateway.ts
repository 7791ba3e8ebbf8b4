/**
 * A sandbox payment gateway that behaves like a real one: it keeps its own transaction records
 * (sandbox_* tables, never read by the platform), shows a cashier page where the payer confirms
 * or declines, and reports outcomes in HMAC-signed notifications POSTed asynchronously to the
 * platform, retried with back-off until acknowledged. Refunds are idempotent by request key.
 */
import type { Db } from '../../context.js';
import { DomainError, notFound, newId } from '../../platform/index.js';
import { sign, SIGNATURE_HEADER } from '../signature.js';
import type { ProviderRecord } from '../../ledger/index.js';

export interface SandboxTxnView {
  id: string;
  merchantRef: string;
  amountFen: number;
  description: string;
  status: 'created' | 'paid' | 'failed' | 'closed';
  expiresAt: number;
  returnUrl: string;
  refundedFen: number;
}

const MAX_ATTEMPTS = 20;
const backoffMs = (attempt: number): number => Math.min(1000 * 2 ** (attempt - 1), 5 * 60 * 1000);

export class SandboxGateway {
  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly now: () => number,
    private readonly post: (url: string, body: string, headers: Record<string, string>) => Promise<number> = httpPost,
  ) {}

  /** Idempotent by merchant reference: asking twice for the same payment returns the same transaction. */
  async createTransaction(input: {
    merchantRef: string;
    amountFen: number;
    description: string;
    expiresAt: number;
    notifyUrl: string;
    returnUrl: string;
  }): Promise<SandboxTxnView> {
    const now = this.now();
    await this.db
      .insertInto('sandbox_txns')
      .values({
        id: newId('sandboxTxn', now),
        merchant_ref: input.merchantRef,
        amount_fen: input.amountFen,
        description: input.description.slice(0, 200),
        status: 'created',
        notify_url: input.notifyUrl,
        return_url: input.returnUrl,
        created_at: now,
        expires_at: input.expiresAt,
        paid_at: null,
        refunded_fen: 0,
      })
      .onConflict((oc) => oc.column('merchant_ref').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('sandbox_txns')
      .selectAll()
      .where('merchant_ref', '=', input.merchantRef)
      .executeTakeFirstOrThrow();
    if (row.amount_fen !== input.amountFen)
      throw new DomainError('PROVIDER_AMOUNT_CONFLICT', 'the gateway already holds this payment with another amount');
    return toView(row);
  }

  async transaction(txnId: string): Promise<SandboxTxnView> {
    const row = await this.db.selectFrom('sandbox_txns').selectAll().where('id', '=', txnId).executeTakeFirst();
    if (!row) throw notFound('sandbox transaction', txnId);
    return toView(row);
  }

  /** The payer's choice at the cashier. Paying twice, or after expiry, changes nothing. */
  async complete(txnId: string, outcome: 'paid' | 'failed'): Promise<SandboxTxnView> {
    const now = this.now();
    const txn = await this.transaction(txnId);
    if (txn.status === 'created' && txn.expiresAt <= now)
      throw new DomainError('PAYMENT_EXPIRED', 'this payment has expired');
    const res = await this.db
      .updateTable('sandbox_txns')
      .set({ status: outcome, paid_at: outcome === 'paid' ? now : null })
      .where('id', '=', txnId)
      .where('status', '=', 'created')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) {
      const row = await this.db
        .selectFrom('sandbox_txns')
        .selectAll()
        .where('id', '=', txnId)
        .executeTakeFirstOrThrow();
      await this.enqueue(row.notify_url, {
        eventId: `${txnId}:${outcome}`,
        kind: outcome === 'paid' ? 'payment.succeeded' : 'payment.failed',
        merchantRef: row.merchant_ref,
        txnId,
        amountFen: row.amount_fen,
        at: now,
      });
    }
    return this.transaction(txnId);
  }

  /** Refunds part or all of a paid transaction; the same request key never refunds twice. */
  async refund(input: {
    txnId: string;
    amountFen: number;
    requestKey: string;
    notifyUrl: string;
  }): Promise<{ id: string }> {
    const now = this.now();
    const existing = await this.db
      .selectFrom('sandbox_refunds')
      .select(['id', 'amount_fen'])
      .where('request_key', '=', input.requestKey)
      .executeTakeFirst();
    if (existing) return { id: existing.id };
    const id = newId('sandboxRefund', now);
    await this.db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable('sandbox_txns')
        .set((eb) => ({ refunded_fen: eb('refunded_fen', '+', input.amountFen) }))
        .where('id', '=', input.txnId)
        .where('status', '=', 'paid')
        .where((eb) => eb(eb('refunded_fen', '+', input.amountFen), '<=', eb.ref('amount_fen')))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1)
        throw new DomainError(
          'PROVIDER_REFUND_REJECTED',
          'the gateway refused the refund (not paid, or more than was paid)',
        );
      await tx
        .insertInto('sandbox_refunds')
        .values({
          id,
          txn_id: input.txnId,
          amount_fen: input.amountFen,
          request_key: input.requestKey,
          status: 'succeeded',
          created_at: now,
        })
        .execute();
    });
    await this.enqueue(input.notifyUrl, {
      eventId: `${id}:succeeded`,
      kind: 'refund.succeeded',
      requestKey: input.requestKey,
      refundId: id,
      txnId: input.txnId,
      amountFen: input.amountFen,
      at: now,
    });
    return { id };
  }

  /**
   * Pays money to the payer of a paid transaction (compensation), apart from its refunds; the same
   * request key never pays twice. At most the transaction's amount per transfer.
   */
  async transfer(input: {
    txnId: string;
    amountFen: number;
    requestKey: string;
    notifyUrl: string;
  }): Promise<{ id: string }> {
    const now = this.now();
    const existing = await this.db
      .selectFrom('sandbox_transfers')
      .select('id')
      .where('request_key', '=', input.requestKey)
      .executeTakeFirst();
    if (existing) return { id: existing.id };
    const txn = await this.db
      .selectFrom('sandbox_txns')
      .select(['status', 'amount_fen'])
      .where('id', '=', input.txnId)
      .executeTakeFirst();
    if (txn?.status !== 'paid' || !(input.amountFen > 0) || input.amountFen > Number(txn.amount_fen)) {
      throw new DomainError(
        'PROVIDER_TRANSFER_REJECTED',
        'the gateway refused the transfer (not paid, or more than was paid)',
      );
    }
    const id = newId('sandboxTransfer', now);
    const inserted = await this.db
      .insertInto('sandbox_transfers')
      .values({
        id,
        txn_id: input.txnId,
        amount_fen: input.amountFen,
        request_key: input.requestKey,
        status: 'succeeded',
        created_at: now,
      })
      .onConflict((oc) => oc.column('request_key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
      const again = await this.db
        .selectFrom('sandbox_transfers')
        .select('id')
        .where('request_key', '=', input.requestKey)
        .executeTakeFirstOrThrow();
      return { id: again.id };
    }
    await this.enqueue(input.notifyUrl, {
      eventId: `${id}:succeeded`,
      kind: 'transfer.succeeded',
      requestKey: input.requestKey,
      transferId: id,
      txnId: input.txnId,
      amountFen: input.amountFen,
      at: now,
    });
    return { id };
  }

  /** Queues a signed notification (also used by the sandbox payout gateway, which shares the queue). */
  async enqueue(url: string, payload: Record<string, unknown>): Promise<void> {
    const now = this.now();
    await this.db
      .insertInto('sandbox_deliveries')
      .values({
        id: newId('sandboxDelivery', now),
        url,
        body: JSON.stringify(payload),
        attempts: 0,
        next_attempt_at: now,
        delivered_at: null,
        last_error: null,
        created_at: now,
      })
      .execute();
  }

  /** Sends due notifications once; failed ones are retried later with exponential back-off. */
  async deliverDue(limit = 100, post = this.post): Promise<{ delivered: number; failed: number }> {
    const now = this.now();
    const due = await this.db
      .selectFrom('sandbox_deliveries')
      .selectAll()
      .where('delivered_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .where('attempts', '<', MAX_ATTEMPTS)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    let delivered = 0;
    let failed = 0;
    for (const d of due) {
      let error: string | null = null;
      try {
        const status = await post(d.url, d.body, {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: sign(this.secret, d.body, this.now()),
        });
        if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      const attempts = d.attempts + 1;
      if (error === null) {
        delivered++;
        await this.db
          .updateTable('sandbox_deliveries')
          .set({ attempts, delivered_at: this.now(), last_error: null })
          .where('id', '=', d.id)
          .execute();
      } else {
        failed++;
        await this.db
          .updateTable('sandbox_deliveries')
          .set({ attempts, next_attempt_at: this.now() + backoffMs(attempts), last_error: error.slice(0, 500) })
          .where('id', '=', d.id)
          .execute();
      }
    }
    return { delivered, failed };
  }
}

async function httpPost(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return res.status;
}

/** The gateway's statement (对账单): paid transactions and refunds up to a time. */
export async function sandboxStatement(db: Db, until: number): Promise<ProviderRecord[]> {
  const txns = await db
    .selectFrom('sandbox_txns')
    .select(['id', 'merchant_ref', 'amount_fen', 'paid_at'])
    .where('status', '=', 'paid')
    .where('paid_at', '<=', until)
    .execute();
  const refunds = await db
    .selectFrom('sandbox_refunds')
    .select(['id', 'request_key', 'amount_fen', 'status', 'created_at'])
    .where('created_at', '<=', until)
    .execute();
  const payouts = await db
    .selectFrom('sandbox_payouts')
    .select(['id', 'request_key', 'amount_fen', 'status', 'created_at'])
    .where('created_at', '<=', until)
    .execute();
  return [
    ...txns.map((t) => ({
      kind: 'payment' as const,
      ref: t.merchant_ref,
      providerId: t.id,
      amountFen: Number(t.amount_fen),
      status: 'succeeded' as const,
      at: Number(t.paid_at),
    })),
    ...refunds.map((r) => ({
      kind: 'refund' as const,
      ref: r.request_key,
      providerId: r.id,
      amountFen: Number(r.amount_fen),
      status: r.status === 'succeeded' ? ('succeeded' as const) : ('failed' as const),
      at: Number(r.created_at),
    })),
    ...payouts.map((p) => ({
      kind: 'payout' as const,
      ref: p.request_key,
      providerId: p.id,
      amountFen: Number(p.amount_fen),
      status: p.status === 'succeeded' ? ('succeeded' as const) : ('failed' as const),
      at: Number(p.created_at),
    })),
  ];
}

function toView(r: {
  id: string;
  merchant_ref: string;
  amount_fen: number;
  description: string;
  status: string;
  expires_at: number;
  return_url: string;
  refunded_fen: number;
}): SandboxTxnView {
  return {
    id: r.id,
    merchantRef: r.merchant_ref,
    amountFen: r.amount_fen,
    description: r.description,
    status: r.status as SandboxTxnView['status'],
    expiresAt: r.expires_at,
    returnUrl: r.return_url,
    refundedFen: r.refunded_fen,
  };
}
