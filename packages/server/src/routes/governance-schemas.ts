/** Response schemas of governance routes. */
import { Type } from 'typebox';
import {
  RULE_CODES,
  SEVERITIES,
  TERM_CLASSES,
  type ContentCheck,
  type HomophoneView,
  type RuleCode,
  type Severity,
  type TermClass,
  type TermView,
  type listHomophones,
  type listTerms,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';
import { FieldHitSchema } from './content-schemas.js';

export const TermViewSchema = describe<TermView>()(
  Type.Object({
    id: Type.String(),
    text: Type.String(),
    class: OneOf(TERM_CLASSES),
    severity: OneOf(SEVERITIES),
    rule: OneOf([
      'AD_LAW_9_ABSOLUTE',
      'AD_LAW_9_AUTHORITY',
      'AD_LAW_17_MEDICAL',
      'AD_LAW_18_HEALTH_FOOD',
      'FOOD_SAFETY_73_CLAIM',
      'PLATFORM_FALSE_URGENCY',
      'PLATFORM_DIVERSION',
      'PLATFORM_BAIT',
      'PLATFORM_PROHIBITED_ITEM',
    ] as const),
    ruleText: Type.Object({ zh: Type.String(), en: Type.String() }),
    enabled: Type.Boolean(),
    createdBy: Nullable(Type.String()),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  }),
);

export const HomophoneViewSchema = describe<HomophoneView>()(
  Type.Object({
    id: Type.String(),
    canonical: Type.String(),
    variant: Type.String(),
    createdBy: Nullable(Type.String()),
    createdAt: Type.Integer(),
  }),
);

export const ContentCheckSchema = describe<ContentCheck>()(
  Type.Object({
    verdict: OneOf(['warn', 'reject', 'review', 'pass'] as const),
    hits: Type.Array(FieldHitSchema),
    bookVersion: Type.Number(),
  }),
);

export const ListTermsResultSchema = describe<Awaited<ReturnType<typeof listTerms>>>()(
  Type.Object({ items: Type.Array(TermViewSchema), nextCursor: Nullable(Type.String()), version: Type.Number() }),
);

export const ListHomophonesResultSchema = describe<Awaited<ReturnType<typeof listHomophones>>>()(
  Type.Object({ items: Type.Array(HomophoneViewSchema), version: Type.Number() }),
);

/** The rule book terms break, with the classes and severities a term may have. */
export const GovernanceRulesSchema = describe<{
  rules: Array<{ code: RuleCode; zh: string; en: string }>;
  classes: TermClass[];
  severities: Severity[];
}>()(
  Type.Object({
    rules: Type.Array(Type.Object({ code: OneOf(RULE_CODES), zh: Type.String(), en: Type.String() })),
    classes: Type.Array(OneOf(TERM_CLASSES)),
    severities: Type.Array(OneOf(SEVERITIES)),
  }),
);
