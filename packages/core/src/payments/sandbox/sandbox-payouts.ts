/**
 * The sandbox's payout side, in the style of its payment gateway: payouts are idempotent by the
 * platform's payout id, recorded in the gateway's own table (sandbox_payouts) and reported in
 * HMAC-signed notifications queued on the gateway's delivery queue (retried with back-off).
 * Test accounts: an account number ending in 0000 is refused by the "bank" (payout.failed).
 */
import type { Db } from '../../context.js';
import { DomainError, newId } from '../../platform/index.js';
import { SIGNATURE_HEADER, verifySignature } from '../signature.js';
import type { PayoutNotification, PayoutProvider, PayoutRequest } from '../../ledger/index.js';
import type { SandboxGateway } from './sandbox-gateway.js';

export const SANDBOX_FAILING_ACCOUNT_SUFFIX = '0000';

export class SandboxPayoutProvider implements PayoutProvider {
  readonly name = 'sandbox';

  constructor(
    private readonly db: Db,
    private readonly gateway: SandboxGateway,
    private readonly secret: string,
    private readonly now: () => number,
  ) {}

  async submitPayout(req: PayoutRequest): Promise<{ providerPayoutId: string }> {
    const existing = await this.db
      .selectFrom('sandbox_payouts')
      .select(['id', 'amount_fen'])
      .where('request_key', '=', req.payoutId)
      .executeTakeFirst();
    if (existing) {
      if (Number(existing.amount_fen) !== req.amountFen)
        throw new DomainError('PROVIDER_AMOUNT_CONFLICT', 'the gateway already holds this payout with another amount');
      return { providerPayoutId: existing.id };
    }
    const now = this.now();
    const id = newId('sandboxPayout', now);
    const failed = req.accountNo.endsWith(SANDBOX_FAILING_ACCOUNT_SUFFIX);
    const inserted = await this.db
      .insertInto('sandbox_payouts')
      .values({
        id,
        request_key: req.payoutId,
        amount_fen: req.amountFen,
        account_no: req.accountNo,
        holder_name: req.holderName,
        status: failed ? 'failed' : 'succeeded',
        created_at: now,
      })
      .onConflict((oc) => oc.column('request_key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return this.submitPayout(req); // a concurrent twin won
    await this.gateway.enqueue(req.notifyUrl, {
      eventId: `${id}:${failed ? 'failed' : 'succeeded'}`,
      kind: failed ? 'payout.failed' : 'payout.succeeded',
      requestKey: req.payoutId,
      payoutId: id,
      amountFen: req.amountFen,
      reason: failed ? 'ACCOUNT_FROZEN' : null,
      at: now,
    });
    return { providerPayoutId: id };
  }

  verifyPayoutNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): PayoutNotification {
    const header = headers[SIGNATURE_HEADER];
    verifySignature(this.secret, Array.isArray(header) ? header[0] : header, rawBody, this.now());
    let b: Record<string, unknown>;
    try {
      b = JSON.parse(rawBody) as Record<string, unknown>;
    } catch {
      throw new DomainError('INVALID_NOTIFICATION', 'the notification body is not JSON');
    }
    const str = (v: unknown): v is string => typeof v === 'string' && /^[\x21-\x7e]{1,128}$/.test(v);
    if (typeof b !== 'object' || b === null || Array.isArray(b))
      throw new DomainError('INVALID_NOTIFICATION', 'the notification body is not a JSON object');
    if (
      (b.kind === 'payout.succeeded' || b.kind === 'payout.failed') &&
      str(b.eventId) &&
      str(b.requestKey) &&
      str(b.payoutId) &&
      typeof b.amountFen === 'number' &&
      Number.isSafeInteger(b.amountFen) &&
      b.amountFen > 0
    ) {
      return {
        eventId: b.eventId,
        kind: b.kind,
        payoutId: b.requestKey,
        providerPayoutId: b.payoutId,
        amountFen: b.amountFen,
        reason: str(b.reason) ? b.reason : null,
        at: typeof b.at === 'number' ? b.at : 0,
      };
    }
    throw new DomainError('INVALID_NOTIFICATION', 'unknown or incomplete payout notification');
  }
}
