/** Response schemas of system routes. */
import { Type } from 'typebox';
import type { DemoLogin } from '@zhongcao/core';
import { describe, OneOf } from '../http/schemas.js';

export const DemoLoginSchema = describe<DemoLogin>()(
  Type.Object({ role: Type.String(), login: Type.String(), password: Type.String(), displayName: Type.String() }),
);

/** The readiness answer: the database answered. */
export const ReadySchema = Type.Object({
  status: Type.Literal('ready'),
  database: OneOf(['sqlite', 'postgres'] as const),
  pid: Type.Integer(),
});

/** A 2xx answer that is text, not JSON (a CSV file, the metrics page): documented with its media type, sent as is. */
export function textAnswer(description: string, mediaType = 'text/plain') {
  return { description, content: { [mediaType]: { schema: Type.String() } } };
}
