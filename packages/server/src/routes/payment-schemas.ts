/** Response schemas of payment routes. */
import { Type } from 'typebox';
import type { PaymentView } from '@zhongcao/core';
import { describe, Nullable } from '../http/schemas.js';

export const PaymentViewSchema = describe<PaymentView>()(
  Type.Object({
    id: Type.String(),
    checkoutId: Type.String(),
    provider: Type.String(),
    amountFen: Type.Integer(),
    status: Type.String(),
    expiresAt: Type.Integer(),
    paidAt: Nullable(Type.Integer()),
    orderIds: Type.Array(Type.String()),
  }),
);
