/**
 * The API's answers as the server declares them: types read from schema.d.ts, which `npm run contract` generates
 * from the OpenAPI document (part of the build, so it never drifts from the routes' response schemas).
 */
import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type SuccessCode = 200 | 201 | 202;

/** The JSON body of an operation's 2xx answer: `Answer<'/api/v1/cart', 'get'>`. */
export type Answer<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? {
      [C in SuccessCode & keyof R]: R[C] extends { content: { 'application/json': infer B } } ? B : never;
    }[SuccessCode & keyof R]
  : never;
