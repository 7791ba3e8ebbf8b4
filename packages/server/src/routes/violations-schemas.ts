/** Response schemas of violation points and appeals (违规积分, 申诉). */
import { Type } from 'typebox';
import {
  LEDGERS,
  PENALTY_KINDS,
  VIOLATION_RULE_CODES,
  type AppealQueueItem,
  type CatalogueEntry,
  type CreditView,
  type Ledger,
  type PenaltyKind,
  type ViolationBoard,
  type ViolationRuleCode,
  type ViolationView,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

const LedgerSchema = OneOf(LEDGERS as readonly Ledger[]);
const RuleCodeSchema = OneOf(VIOLATION_RULE_CODES as readonly ViolationRuleCode[]);
const SubjectKindSchema = OneOf(['shop', 'creator'] as const);
const Detail = Type.Record(Type.String(), Type.Unknown());

const AppealProps = {
  id: Type.String(),
  violationId: Type.String(),
  attempt: Type.Integer(),
  text: Type.String(),
  evidence: Type.Array(Type.Object({ id: Type.String(), url: Type.String() })),
  status: OneOf(['pending', 'granted', 'rejected'] as const),
  decisionReason: Nullable(Type.String()),
  createdAt: Type.Integer(),
  decidedAt: Nullable(Type.Integer()),
};

export const ViolationSchema = describe<ViolationView>()(
  Type.Object({
    id: Type.String(),
    subjectKind: SubjectKindSchema,
    subjectId: Type.String(),
    rule: RuleCodeSchema,
    ledger: LedgerSchema,
    refId: Type.String(),
    milliPoints: Type.Integer({ description: 'points in thousandths' }),
    status: OneOf(['in_force', 'revoked'] as const),
    inForce: Type.Boolean(),
    detail: Detail,
    createdAt: Type.Integer(),
    expiresAt: Type.Integer(),
    appeals: Type.Array(Type.Object(AppealProps)),
    appeal: Type.Union(
      [
        Type.Object({ open: Type.Literal(true), attempt: Type.Integer(), until: Type.Integer() }),
        Type.Object({ open: Type.Literal(false), reason: Type.String() }),
      ],
      {
        description: 'until when an appeal may be filed, or why not',
      },
    ),
    timeline: Type.Array(
      Type.Object({
        kind: OneOf([
          'recorded',
          'penalty_applied',
          'appeal_filed',
          'appeal_granted',
          'appeal_rejected',
          'penalty_lifted',
          'points_removed',
        ] as const),
        detail: Detail,
        actorId: Nullable(Type.String()),
        at: Type.Integer(),
      }),
    ),
  }),
);

const PenaltySchema = Type.Object({
  id: Type.String(),
  ledger: LedgerSchema,
  milestone: Type.Integer(),
  kind: OneOf(PENALTY_KINDS as readonly PenaltyKind[]),
  multiplierPermille: Nullable(Type.Integer()),
  status: OneOf(['active', 'ended', 'lifted'] as const),
  startsAt: Type.Integer(),
  endsAt: Type.Integer(),
  liftedAt: Nullable(Type.Integer()),
  liftReason: Nullable(Type.String()),
});

export const ViolationBoardSchema = describe<ViolationBoard>()(
  Type.Object({
    ledgers: Type.Array(
      Type.Object({
        ledger: LedgerSchema,
        milliPoints: Type.Integer(),
        next: Nullable(Type.Object({ points: Type.Integer(), caution: Type.Boolean() })),
      }),
    ),
    penalties: Type.Array(PenaltySchema),
    items: Type.Array(ViolationSchema),
  }),
);

export const CreditSchema = describe<CreditView>()(
  Type.Object({
    score: Type.Integer(),
    max: Type.Integer(),
    history: Type.Array(ViolationSchema),
    penalties: Type.Array(PenaltySchema),
  }),
);

export const AppealQueueSchema = describe<{ items: AppealQueueItem[] }>()(
  Type.Object({ items: Type.Array(Type.Object({ ...AppealProps, violation: ViolationSchema })) }),
);

export const CatalogueEntrySchema = describe<CatalogueEntry>()(
  Type.Object({
    code: RuleCodeSchema,
    ledger: LedgerSchema,
    milliPoints: Type.Integer(),
    defaultMilliPoints: Type.Integer(),
    subjects: Type.Immutable(Type.Array(SubjectKindSchema)),
    manual: Type.Boolean(),
    updatedAt: Nullable(Type.Integer()),
  }),
);
