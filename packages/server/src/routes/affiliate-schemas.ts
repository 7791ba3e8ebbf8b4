/** Request schemas shared by the creator economy's routes. */
import { Type } from 'typebox';
import { BP } from '@zhongcao/core';
import { Id } from '../http/schemas.js';

export const Bp = (description: string) =>
  Type.Integer({ minimum: 0, maximum: BP, description: `${description}, in basis points (1 % = 100)` });
export const Ms = (description: string) =>
  Type.Integer({ minimum: 0, maximum: 9_999_999_999_999, description: `${description} (epoch ms)` });
export const Decision = Type.Object(
  { decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]) },
  { additionalProperties: false },
);

/** A performance period and grouping. */
export const PerformanceQuery = (groups: string[]) =>
  Type.Object(
    {
      from: Type.Optional(Ms('from (default: 30 days before `to`)')),
      to: Type.Optional(Ms('until (default: now)')),
      groupBy: Type.Optional(Type.Union(groups.map((g) => Type.Literal(g)))),
    },
    { additionalProperties: false },
  );

export const PlanParams = Type.Object({ planId: Id('affiliatePlan') });
export const ContractParams = Type.Object({ contractId: Id('mcnContract') });
