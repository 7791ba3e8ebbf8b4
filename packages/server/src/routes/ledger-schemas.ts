/** Response schemas of balances, statements, settlements, payouts, payout notifications and reconciliation reports. */
import { Type } from 'typebox';
import type {
  BalanceView,
  PayoutAccountView,
  PayoutOutcome,
  PayoutView,
  ReconciliationReport,
  ReconciliationTrigger,
  SettlementView,
  StatementLine,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const BalanceSchema = describe<BalanceView>()(
  Type.Object({
    accountId: Type.String(),
    kind: Type.String(),
    ownerId: Nullable(Type.String()),
    label: Type.String(),
    balanceFen: Type.Integer({ description: 'may be negative (a claw-back)' }),
  }),
);

export const StatementSchema = describe<{
  accountId: string;
  openingFen: number;
  items: StatementLine[];
  nextCursor: string | null;
}>()(
  Type.Object({
    accountId: Type.String(),
    openingFen: Type.Integer(),
    items: Type.Array(
      Type.Object({
        entryId: Type.String(),
        at: Type.Integer(),
        journalId: Type.String(),
        reason: Type.String(),
        refKind: Type.String(),
        refId: Type.String(),
        memo: Type.String(),
        amountFen: Type.Integer({ description: 'signed: credit positive' }),
        balanceFen: Type.Integer(),
      }),
    ),
    nextCursor: Nullable(Type.String()),
  }),
);

export const SettlementPageSchema = describe<{ items: SettlementView[]; nextCursor: string | null }>()(
  Type.Object({
    items: Type.Array(
      Type.Object({
        orderId: Type.String(),
        grossFen: Type.Integer(),
        feeFen: Type.Integer(),
        commissionFen: Type.Integer(),
        merchantFen: Type.Integer(),
        settledAt: Type.Integer(),
      }),
    ),
    nextCursor: Nullable(Type.String()),
  }),
);

export const PayoutAccountSchema = describe<PayoutAccountView>()(
  Type.Object({
    id: Type.String(),
    ledgerAccountId: Type.String(),
    holderName: Type.String(),
    bank: Type.String(),
    accountNoMasked: Type.String(),
    createdAt: Type.Integer(),
  }),
);

export const PayoutSchema = describe<PayoutView>()(
  Type.Object({
    id: Type.String(),
    ledgerAccountId: Type.String(),
    payoutAccountId: Type.String(),
    amountFen: Type.Integer(),
    status: Type.String(),
    attempts: Type.Integer(),
    failure: Nullable(Type.String()),
    createdAt: Type.Integer(),
    completedAt: Nullable(Type.Integer()),
  }),
);

export const ReconciliationSchema = describe<ReconciliationReport>()(
  Type.Object({
    id: Type.String(),
    day: Type.String({ description: 'the UTC day the report covers (YYYY-MM-DD); for a manual run, the day it ran' }),
    trigger: OneOf(['daily', 'manual'] as const satisfies readonly ReconciliationTrigger[]),
    checked: Type.Integer(),
    mismatchCount: Type.Integer(),
    mismatches: Type.Array(
      Type.Object({
        kind: OneOf(['payment', 'refund', 'payout'] as const),
        ref: Type.String(),
        code: OneOf(['MISSING_IN_LEDGER', 'MISSING_AT_PROVIDER', 'AMOUNT_DIFFERS', 'STATUS_DIFFERS'] as const),
        providerFen: Nullable(Type.Integer()),
        ledgerFen: Nullable(Type.Integer()),
        providerStatus: Nullable(Type.String()),
        ledgerStatus: Nullable(Type.String()),
      }),
      { description: 'at most 5000 are kept; mismatchCount counts them all' },
    ),
    createdAt: Type.Integer(),
  }),
);

export const PayoutNotificationAnswerSchema = describe<{
  received: true;
  outcome: Exclude<PayoutOutcome, 'rejected'>;
}>()(
  Type.Object({
    received: Type.Literal(true),
    outcome: OneOf(['applied', 'duplicate', 'ignored'] as const, {
      description: 'a rejected notification answers an error instead',
    }),
  }),
);
