/** Governance: the rule book of red lines (admins edit it) and the pre-check authors run on their text. */
import { Type } from 'typebox';
import {
  addHomophone,
  addTerm,
  checkContent,
  HOMOPHONE_MAX_CHARS,
  listHomophones,
  listTerms,
  removeHomophone,
  requireRole,
  RULE_CODES,
  RULES,
  SEVERITIES,
  TERM_CLASSES,
  TERM_MAX_CHARS,
  updateTerm,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, noContent, ok } from '../http/schemas.js';
import {
  ContentCheckSchema,
  GovernanceRulesSchema,
  HomophoneViewSchema,
  ListHomophonesResultSchema,
  ListTermsResultSchema,
  TermViewSchema,
} from './governance-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const TermClass = Type.Union(
  TERM_CLASSES.map((c) => Type.Literal(c)),
  { description: '类别 / class: absolute 极限词, medical 医疗功效, diversion 站外导流, bait 诱导, prohibited 禁售' },
);
const Severity = Type.Union(
  SEVERITIES.map((s) => Type.Literal(s)),
  { description: '处置 / severity: reject 拒绝, review 送审, warn 提示' },
);
const Rule = Type.Union(
  RULE_CODES.map((r) => Type.Literal(r)),
  { description: '违反的规则 / the rule the term breaks' },
);
const TermId = Id('governanceTerm');
const HomophoneId = Id('homophone');
const TermText = Type.String({
  minLength: 1,
  maxLength: TERM_MAX_CHARS,
  description: '词条 / the term as an author would write it',
});

export function governanceRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  // Tagged 'governance' (not 'admin'): their 403 for non-admins is tested in governance-routes.test.ts.
  const tags = ['governance'];

  r.get(
    '/api/v1/admin/governance/rules',
    {
      schema: {
        tags,
        summary: 'The rules terms break (zh-CN and en), with the classes and severities',
        response: ok(GovernanceRulesSchema, 401, 403),
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'admin');
      return {
        rules: RULE_CODES.map((code) => ({ code, ...RULES[code] })),
        classes: [...TERM_CLASSES],
        severities: [...SEVERITIES],
      };
    },
  );

  r.get(
    '/api/v1/admin/governance/terms',
    {
      schema: {
        tags,
        summary: 'Terms of the rule book, by id, filtered by class, state or text',
        querystring: Type.Object(
          {
            class: Type.Optional(TermClass),
            enabled: Type.Optional(Type.Boolean()),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: TERM_MAX_CHARS })),
            cursor: Type.Optional(TermId),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: ok(ListTermsResultSchema, 400, 401, 403),
      },
    },
    async (req) =>
      listTerms(ctx, actorOf(req), {
        class: req.query.class,
        enabled: req.query.enabled,
        q: req.query.q,
        after: req.query.cursor,
        limit: req.query.limit,
      }),
  );

  r.post(
    '/api/v1/admin/governance/terms',
    {
      schema: {
        tags,
        summary: 'Add a term (its folded form must be new; at least two characters)',
        body: Type.Object(
          { text: TermText, class: TermClass, severity: Severity, rule: Rule, enabled: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: answers(201, TermViewSchema, 400, 401, 403, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await addTerm(ctx, actorOf(req), req.body)),
  );

  r.patch(
    '/api/v1/admin/governance/terms/:termId',
    {
      schema: {
        tags,
        summary: 'Change a term’s text, class, severity, rule, or disable it',
        params: Type.Object({ termId: TermId }),
        body: Type.Object(
          {
            text: Type.Optional(TermText),
            class: Type.Optional(TermClass),
            severity: Type.Optional(Severity),
            rule: Type.Optional(Rule),
            enabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, description: 'only the fields to change; an empty patch changes nothing' },
        ),
        response: ok(TermViewSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => updateTerm(ctx, actorOf(req), req.params.termId, req.body),
  );

  r.get(
    '/api/v1/admin/governance/homophones',
    {
      schema: {
        tags,
        summary: 'The homophone table: spellings that stand for a canonical form (薇信 → 微信)',
        response: ok(ListHomophonesResultSchema, 401, 403),
      },
    },
    async (req) => listHomophones(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/admin/governance/homophones',
    {
      schema: {
        tags,
        summary: 'Add a spelling that stands for a canonical form',
        body: Type.Object(
          {
            canonical: Type.String({ minLength: 1, maxLength: HOMOPHONE_MAX_CHARS }),
            variant: Type.String({ minLength: 1, maxLength: HOMOPHONE_MAX_CHARS }),
          },
          { additionalProperties: false },
        ),
        response: answers(201, HomophoneViewSchema, 400, 401, 403, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await addHomophone(ctx, actorOf(req), req.body)),
  );

  r.delete(
    '/api/v1/admin/governance/homophones/:homophoneId',
    {
      schema: {
        tags,
        summary: 'Remove a spelling from the homophone table',
        params: Type.Object({ homophoneId: HomophoneId }),
        response: noContent(400, 401, 403, 404),
      },
    },
    async (req, reply) => {
      await removeHomophone(ctx, actorOf(req), req.params.homophoneId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/governance/check',
    {
      schema: {
        tags,
        summary:
          'Pre-check text before saving it: the hits per field (term, class, severity, rule, positions) and the verdict',
        body: Type.Object(
          {
            fields: Type.Array(
              Type.Object(
                { field: Type.String({ minLength: 1, maxLength: 64 }), text: Type.String({ maxLength: 5000 }) },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 50 },
            ),
          },
          { additionalProperties: false },
        ),
        response: ok(ContentCheckSchema, 400, 401),
      },
    },
    async (req) => {
      actorOf(req);
      return checkContent(ctx, req.body.fields);
    },
  );
}
