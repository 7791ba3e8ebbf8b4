/** Response schemas of balances, statements, settlements and payouts. */
import { Type } from 'typebox';
import type { BalanceView, PayoutAccountView, PayoutView, SettlementView, StatementLine } from '@zhongcao/core';
import { describe, Nullable } from '../http/schemas.js';

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
