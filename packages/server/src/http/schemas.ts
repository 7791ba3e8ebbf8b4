/** Shared request/response schemas (JSON Schema via TypeBox); they validate at the edge and document the API. */
import { Type, type TSchema } from 'typebox';
import { ERROR_CODE_LIST, ID_PREFIX, type ErrorCode, type IdKind } from '@zhongcao/core';

export const Id = (kind: IdKind): ReturnType<typeof Type.String> =>
  Type.String({ pattern: `^${ID_PREFIX[kind]}_[0-9a-z]{26}$`, description: `${kind} id (${ID_PREFIX[kind]}_…)` });

export const Fen = (description = 'amount in fen (1/100 yuan)') => Type.Integer({ minimum: 0, maximum: 100_000_000, description });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.Unsafe<ErrorCode>({ type: 'string', enum: ERROR_CODE_LIST, description: 'stable, machine-readable error code (the HTTP status of each is fixed)' }),
      message: Type.String(),
      details: Type.Object({}, { additionalProperties: true }),
    }),
  },
  { $id: 'ErrorBody', description: 'every error answer has this shape' },
);

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z]{3}_[0-9a-z]{26}$' })),
};

export const Attribution = Type.Object(
  {
    source: Type.Union(['video', 'live', 'search', 'shelf', 'link', 'feed', 'cart'].map((s) => Type.Literal(s))),
    contentId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
    creatorId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
  },
  { additionalProperties: false, description: 'what drove the purchase: the card the buyer tapped' },
);

/** Standard error answers to document on a route. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorBody')]));
}

export const Ok = (description: string) => Type.Object({}, { additionalProperties: true, description });
