/** Money: balances, statements (JSON and CSV), payout accounts and payouts, refunds and compensation, reconciliation. */
import { Type } from 'typebox';
import {
  accountId,
  compensateBuyer,
  DomainError,
  isErrorCode,
  listPayoutAccounts,
  listPayouts,
  listReconciliations,
  PAYOUT_BANK_NAME,
  PAYOUT_HOLDER_NAME_MAX,
  MONEY_REASON_MAX,
  MAX_REQUEST_KEY_CHARS,
  myBalances,
  platformBalances,
  receivePayoutNotification,
  refundOrder,
  registerPayoutAccount,
  requestPayout,
  runReconciliation,
  shopSettlements,
  statement,
  statementCsv,
  type PayableKind,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { sendError } from '../http/errors.js';
import { answers, Id, Nullable, ok, okOrCsv, PageQuery } from '../http/schemas.js';
import {
  BalanceSchema,
  PayoutAccountSchema,
  PayoutNotificationAnswerSchema,
  PayoutSchema,
  ReconciliationSchema,
  SettlementPageSchema,
  StatementSchema,
} from './ledger-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const ACCOUNT_PATTERN =
  '^((clearing|merchant_available|creator_available|mcn_available|colonel_available):[a-z]{3}_[0-9a-z]{26}|provider_cash:[a-z0-9-]{2,32}|platform_fee_revenue|refunds_payable|buyer_compensation_payable|platform_compensation_expense|platform_insurance_expense|payouts_in_transit)$';
const Account = Type.String({
  pattern: ACCOUNT_PATTERN,
  maxLength: 80,
  description: 'ledger account id, e.g. merchant_available:shp_… or creator_available:usr_…',
});
const Amount = Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'amount in fen (1/100 yuan)' });
const RequestKey = Type.String({
  minLength: 1,
  maxLength: MAX_REQUEST_KEY_CHARS,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'your idempotency key: the same key never moves money twice',
});
const Reason = Type.String({ minLength: 1, maxLength: MONEY_REASON_MAX });
const PAYOUT_KINDS: Record<string, PayableKind> = {
  merchant: 'merchant_available',
  creator: 'creator_available',
  mcn: 'mcn_available',
  colonel: 'colonel_available',
};

/** A refund: 201 when placed, 200 when the requestKey was seen before (the same refund). */
const Refunded = Type.Object({ refundId: Nullable(Type.String()), duplicate: Type.Boolean() });

export function ledgerRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['money'];

  r.get(
    '/api/v1/money/balances',
    {
      schema: {
        tags,
        summary:
          'My balances: each shop’s pending (in clearing) and available funds; my creator / MCN / colonel earnings',
        response: ok(Type.Object({ items: Type.Array(BalanceSchema) }), 401),
      },
    },
    async (req) => ({ items: await myBalances(ctx, actorOf(req)) }),
  );

  r.get(
    '/api/v1/money/statement',
    {
      schema: {
        tags,
        summary: 'Statement of one account with running balance; ?format=csv downloads it as CSV',
        querystring: Type.Object(
          {
            account: Account,
            from: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_999_999_999_999 })),
            to: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_999_999_999_999 })),
            format: Type.Optional(Type.Literal('csv')),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: okOrCsv(StatementSchema, 400, 401, 404),
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (q.format === 'csv') {
        const csv = await statementCsv(ctx, actorOf(req), q.account, { from: q.from, to: q.to });
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="statement-${q.account.replace(/[^a-z0-9_-]/gi, '_')}.csv"`,
          )
          .send(csv);
      }
      return statement(ctx, actorOf(req), q.account, { from: q.from, to: q.to, limit: q.limit, cursor: q.cursor });
    },
  );

  r.get(
    '/api/v1/money/shops/:shopId/settlements',
    {
      schema: {
        tags,
        summary: 'My shop’s settled orders: gross, platform fee, commissions, what the shop got',
        params: Type.Object({ shopId: Id('shop') }),
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: ok(SettlementPageSchema, 400, 401, 404),
      },
    },
    async (req) => shopSettlements(ctx, actorOf(req), req.params.shopId, req.query),
  );

  r.get(
    '/api/v1/money/payout-accounts',
    {
      schema: {
        tags,
        summary: 'Bank accounts registered for payouts from one of my accounts',
        querystring: Type.Object({ account: Account }, { additionalProperties: false }),
        response: ok(Type.Object({ items: Type.Array(PayoutAccountSchema) }), 400, 401, 404),
      },
    },
    async (req) => ({ items: await listPayoutAccounts(ctx, actorOf(req), req.query.account) }),
  );

  r.post(
    '/api/v1/money/payout-accounts',
    {
      schema: {
        tags,
        summary:
          'Register a bank account for payouts (shop owner for a shop; the person for creator / MCN / colonel earnings)',
        body: Type.Object(
          {
            kind: Type.Union(['merchant', 'creator', 'mcn', 'colonel'].map((k) => Type.Literal(k))),
            shopId: Type.Optional(Id('shop')),
            holderName: Type.String({ minLength: 1, maxLength: PAYOUT_HOLDER_NAME_MAX }),
            bank: Type.String({ minLength: PAYOUT_BANK_NAME.min, maxLength: PAYOUT_BANK_NAME.max }),
            accountNo: Type.String({ pattern: '^[0-9]{8,30}$' }),
          },
          { additionalProperties: false },
        ),
        response: answers(201, PayoutAccountSchema, 400, 401, 404),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      if (b.kind === 'merchant' && !b.shopId)
        throw new DomainError('INVALID_INPUT', 'shopId is required for a shop’s payout account', { field: 'shopId' });
      const ledgerAccountId = accountId(PAYOUT_KINDS[b.kind]!, b.kind === 'merchant' ? b.shopId! : actor.userId);
      return reply.status(201).send(
        await registerPayoutAccount(ctx, actor, {
          ledgerAccountId,
          holderName: b.holderName,
          bank: b.bank,
          accountNo: b.accountNo,
        }),
      );
    },
  );

  r.get(
    '/api/v1/money/payouts',
    {
      schema: {
        tags,
        summary: 'Payouts from one of my accounts, newest first',
        querystring: Type.Object({ account: Account }, { additionalProperties: false }),
        response: ok(Type.Object({ items: Type.Array(PayoutSchema) }), 400, 401, 404),
      },
    },
    async (req) => ({ items: await listPayouts(ctx, actorOf(req), req.query.account) }),
  );

  r.post(
    '/api/v1/money/payouts',
    {
      schema: {
        tags,
        summary:
          'Withdraw available funds to a registered account (minimum ¥1; never more than available; the same requestKey never pays twice)',
        body: Type.Object(
          { payoutAccountId: Id('payoutAccount'), amountFen: Amount, requestKey: RequestKey },
          { additionalProperties: false },
        ),
        response: answers(201, PayoutSchema, 400, 401, 404, 409),
      },
    },
    async (req, reply) => {
      const p = await requestPayout(ctx, actorOf(req), req.body);
      deps.kickWorker();
      return reply.status(201).send(p);
    },
  );

  r.post(
    '/api/v1/money/orders/:orderId/refunds',
    {
      schema: {
        tags,
        summary:
          'Refund part of a paid order (its shop or an admin): pro rata over the lines, or one line; after settlement it is clawed back from every party',
        params: Type.Object({ orderId: Id('order') }),
        body: Type.Object(
          { amountFen: Amount, lineId: Type.Optional(Id('orderLine')), reason: Reason, requestKey: RequestKey },
          { additionalProperties: false },
        ),
        response: { ...answers(201, Refunded, 400, 401, 404, 409), 200: Refunded },
      },
    },
    async (req, reply) => {
      const out = await refundOrder(ctx, actorOf(req), req.params.orderId, req.body);
      deps.kickWorker();
      return reply.status(out.duplicate ? 200 : 201).send(out);
    },
  );

  r.post(
    '/api/v1/money/orders/:orderId/compensations',
    {
      schema: {
        tags,
        summary: 'Compensate the buyer of an order, paid by the merchant (its shop) or by the platform (admins)',
        params: Type.Object({ orderId: Id('order') }),
        body: Type.Object(
          {
            amountFen: Amount,
            paidBy: Type.Union([Type.Literal('merchant'), Type.Literal('platform')]),
            reason: Reason,
            requestKey: RequestKey,
          },
          { additionalProperties: false },
        ),
        response: answers(201, Type.Object({ journalId: Nullable(Type.String()) }), 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await compensateBuyer(ctx, actorOf(req), req.params.orderId, req.body)),
  );

  r.get(
    '/api/v1/admin/money/overview',
    {
      schema: {
        tags,
        summary:
          'Platform accounts: fee revenue, clearing totals, refunds payable, payouts in transit, provider cash (admins)',
        response: ok(Type.Object({ items: Type.Array(BalanceSchema) }), 401, 404),
      },
    },
    async (req) => ({ items: await platformBalances(ctx, actorOf(req)) }),
  );

  r.get(
    '/api/v1/admin/money/reconciliations',
    {
      schema: {
        tags,
        summary: 'Reconciliation reports, newest first (admins)',
        response: ok(Type.Object({ items: Type.Array(ReconciliationSchema) }), 401, 403),
      },
    },
    async (req) => ({ items: await listReconciliations(ctx, actorOf(req)) }),
  );

  r.post(
    '/api/v1/admin/money/reconciliations',
    {
      schema: {
        tags,
        summary: 'Reconcile provider records with the ledger now (admins)',
        response: answers(201, ReconciliationSchema, 401, 403),
      },
    },
    async (req, reply) => reply.status(201).send(await runReconciliation(ctx, actorOf(req))),
  );

  // Payout providers sign the exact bytes they send, so this route reads the raw body.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    typed(scope).post(
      '/api/v1/payouts/notify/:provider',
      {
        schema: {
          tags,
          summary: 'Asynchronous, HMAC-signed payout outcome from a payout provider (idempotent by event id)',
          params: Type.Object({ provider: Type.String({ pattern: '^[a-z0-9-]{2,32}$' }) }),
          response: ok(PayoutNotificationAnswerSchema, 400, 401, 404),
        },
      },
      async (req, reply) => {
        const raw = typeof req.body === 'string' ? req.body : '';
        if (!raw) throw new DomainError('INVALID_NOTIFICATION', 'empty notification');
        const result = await receivePayoutNotification(ctx, req.params.provider, req.headers, raw);
        if (result.outcome === 'rejected')
          return sendError(
            reply,
            isErrorCode(result.reason) ? result.reason : 'NOTIFICATION_REJECTED',
            'the notification does not match our records',
            { outcome: result.outcome },
          );
        return { received: true as const, outcome: result.outcome };
      },
    );
  });
}
