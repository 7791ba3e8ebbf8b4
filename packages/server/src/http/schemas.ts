/** Shared request/response schemas (JSON Schema via TypeBox); they validate at the edge and document the API. */
import { Type, type Static, type TEnum, type TSchema, type TString } from 'typebox';
import { ERROR_CODE_LIST, ID_PREFIX, type CategoryView, type ErrorCode, type IdKind } from '@zhongcao/core';

export const Id = (kind: IdKind): ReturnType<typeof Type.String> =>
  Type.String({ pattern: `^${ID_PREFIX[kind]}_[0-9a-z]{26}$`, description: `${kind} id (${ID_PREFIX[kind]}_…)` });

export const Fen = (description = 'amount in fen (1/100 yuan)') =>
  Type.Integer({ minimum: 0, maximum: 100_000_000, description });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.Unsafe<ErrorCode>({
        type: 'string',
        enum: ERROR_CODE_LIST,
        description: 'stable, machine-readable error code (the HTTP status of each is fixed)',
      }),
      message: Type.String(),
      details: Type.Object({}, { additionalProperties: true }),
    }),
  },
  { $id: 'ErrorBody', description: 'every error answer has this shape' },
);

/** A category with its rule profile and its children (shared: the tree is recursive). */
export const CategorySchema = Type.Object(
  {
    id: Type.String(),
    parentId: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    shipByHours: Type.Integer(),
    perishable: Type.Boolean(),
    feeRateBp: Type.Integer({ description: 'the platform fee in basis points' }),
    children: Type.Array(Type.Ref('Category')),
  },
  { $id: 'Category', description: 'a category with its rule profile and its children' },
);

/** A reference to the shared Category schema, typed as core's view. */
export const CategoryRef = Type.Unsafe<CategoryView>(Type.Ref('Category'));

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

/** The error answer as a typed reference: a route's reply type stays the union of its declared answers. */
const ErrorAnswer = Type.Unsafe<{ error: { code: string; message: string; details: Record<string, unknown> } }>(
  Type.Ref('ErrorBody'),
);
type ErrorAnswer = typeof ErrorAnswer;

/**
 * A route's answers: the success schema under its status and the standard error answers. Unlike `errors()`, the
 * reply type is precise, so the type provider checks the handler's return value against the success schema.
 */
export function answers<const Code extends 200 | 201 | 202, S extends TSchema, const E extends readonly number[]>(
  code: Code,
  success: S,
  ...statuses: E
): { [K in Code]: S } & { [K in E[number]]: ErrorAnswer } {
  return { ...Object.fromEntries(statuses.map((s) => [s, ErrorAnswer])), [code]: success } as { [K in Code]: S } & {
    [K in E[number]]: ErrorAnswer;
  };
}

/** `answers(200, success, ...errors)`. */
export function ok<S extends TSchema, const E extends readonly number[]>(
  success: S,
  ...statuses: E
): { 200: S } & { [K in E[number]]: ErrorAnswer } {
  return answers(200, success, ...statuses);
}

/** A 204 answer (no body) and the standard error answers. */
const NoBody = Type.Unsafe<void>(Type.Null({ description: 'no content' }));
export function noContent<const E extends readonly number[]>(
  ...statuses: E
): { 204: typeof NoBody } & { [K in E[number]]: ErrorAnswer } {
  return { ...Object.fromEntries(statuses.map((s) => [s, ErrorAnswer])), 204: NoBody } as { 204: typeof NoBody } & {
    [K in E[number]]: ErrorAnswer;
  };
}

/** `T | null`. */
export const Nullable = <S extends TSchema>(schema: S, options: { description?: string } = {}) =>
  Type.Union([schema, Type.Null()], options);

/** One of a constant list of strings (a status union exported by core). */
export const OneOf = <const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
): TEnum<[...T]> => Type.Enum([...values], { type: 'string', ...options }) as unknown as TEnum<[...T]>;

/** True when the two types are mutually assignable: no property missing, none extra, none of another type. */
export type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * A response schema that the compiler proves describes exactly a core type: `describe<OrderDetail>()(Type.Object(…))`
 * does not compile when the schema lacks one of the type's properties, has one too many, or types one differently
 * (so fast-json-stringify never drops a property the core returns).
 */
export function describe<T>() {
  return <S extends TSchema>(
    schema: S &
      (Exactly<Static<S>, T> extends true ? unknown : { '~schema does not describe the type exactly': Static<S> }),
  ): S => schema;
}

/**
 * JSON text a handler wrote itself (the feed's cached cards) for a route whose schema describes it: Fastify sends a
 * string as is, and the test servers' contract check parses and validates it like any other answer.
 */
export function jsonText<S extends TSchema>(_schema: S, json: string): Static<S> {
  return json as unknown as Static<S>;
}

/** A 200 answer that is JSON, or a CSV file when the client asks for one (`?format=csv`), and the standard error answers. */
export function okOrCsv<S extends TSchema, const E extends readonly number[]>(
  success: S,
  ...statuses: E
): { 200: { content: { 'application/json': { schema: S }; 'text/csv': { schema: TString } } } } & {
  [K in E[number]]: ErrorAnswer;
} {
  const csv = Type.String({ description: 'the same rows as CSV (UTF-8 with BOM)' });
  return {
    ...Object.fromEntries(statuses.map((s) => [s, ErrorAnswer])),
    200: { content: { 'application/json': { schema: success }, 'text/csv': { schema: csv } } },
  } as {
    200: { content: { 'application/json': { schema: S }; 'text/csv': { schema: TString } } };
  } & { [K in E[number]]: ErrorAnswer };
}

/** A 200 answer that is not JSON (a CSV file, Prometheus metrics): text of this media type, and the standard error answers. */
export function okText<const M extends string, const E extends readonly number[]>(
  mediaType: M,
  description: string,
  ...statuses: E
): { 200: { content: { [K in M]: { schema: TString } } } } & { [K in E[number]]: ErrorAnswer } {
  return {
    ...Object.fromEntries(statuses.map((s) => [s, ErrorAnswer])),
    200: { content: { [mediaType]: { schema: Type.String({ description }) } } },
  } as {
    200: { content: { [K in M]: { schema: TString } } };
  } & { [K in E[number]]: ErrorAnswer };
}

/** A redirect answer (302 or 303) to document next to a route's other answers. */
export const Redirect = (description: string) => Type.Null({ description });
