/** Response schemas of the rule book (红线词库): rules, terms, homophones and a check. */
import { Type } from 'typebox';
import { RULE_CODES, SEVERITIES, TERM_CLASSES, type ContentCheck, type HomophoneView, type RuleCode, type Severity, type TermClass, type TermView } from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';
import { FieldHitSchema } from './content-schemas.js';

const TermClassSchema = OneOf(TERM_CLASSES as readonly TermClass[]);
const SeveritySchema = OneOf(SEVERITIES as readonly Severity[]);
const RuleCodeSchema = OneOf(RULE_CODES as readonly RuleCode[]);
const RuleTextSchema = Type.Object({ zh: Type.String(), en: Type.String() });

export const RuleBookSchema = Type.Object({
  rules: Type.Array(Type.Object({ code: RuleCodeSchema, ...RuleTextSchema.properties })),
  classes: Type.Array(TermClassSchema),
  severities: Type.Array(SeveritySchema),
});

export const TermSchema = describe<TermView>()(
  Type.Object({
    id: Type.String(),
    text: Type.String(),
    class: TermClassSchema,
    severity: SeveritySchema,
    rule: RuleCodeSchema,
    ruleText: RuleTextSchema,
    enabled: Type.Boolean(),
    createdBy: Nullable(Type.String()),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  }),
);

export const TermPageSchema = describe<{ items: TermView[]; nextCursor: string | null; version: number }>()(
  Type.Object({ items: Type.Array(TermSchema), nextCursor: Nullable(Type.String()), version: Type.Integer({ description: 'the rule book’s version' }) }),
);

export const HomophoneSchema = describe<HomophoneView>()(
  Type.Object({ id: Type.String(), canonical: Type.String(), variant: Type.String(), createdBy: Nullable(Type.String()), createdAt: Type.Integer() }),
);

export const HomophoneListSchema = describe<{ items: HomophoneView[]; version: number }>()(Type.Object({ items: Type.Array(HomophoneSchema), version: Type.Integer() }));

export const ContentCheckSchema = describe<ContentCheck>()(
  Type.Object({ verdict: OneOf(['pass', 'reject', 'review', 'warn'] as const), hits: Type.Array(FieldHitSchema), bookVersion: Type.Integer() }),
);
