/**
 * A gateway request as received: the platform parameters from the query (or an old client's form
 * body) and param_json's exact text from the query, the form or the raw body, in that order. Pure.
 */

export interface WireRequest {
  appKey: string | undefined;
  method: string | undefined;
  v: string | undefined;
  timestamp: string | undefined;
  sign: string | undefined;
  signMethod: string | undefined;
  accessToken: string | undefined;
  /** The exact text the signature covers. */
  paramJson: string;
}

const first = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

/** A body that is a form (`a=b&…`) rather than JSON; some SDKs send one under a JSON content type. */
function formOf(body: string): URLSearchParams | null {
  const t = body.trimStart();
  if (t === '' || t.startsWith('{') || t.startsWith('[')) return null;
  const form = new URLSearchParams(body);
  return form.has('param_json') || form.has('app_key') || form.has('method') ? form : null;
}

export function readWireRequest(query: Record<string, unknown>, body: Buffer | undefined): WireRequest {
  const text = body?.length ? body.toString('utf8') : '';
  const form = formOf(text);
  const pick = (name: string): string | undefined => first(query[name]) ?? form?.get(name) ?? undefined;
  const fromQuery = first(query.param_json);
  const paramJson = fromQuery ?? form?.get('param_json') ?? (form ? '{}' : text === '' ? '{}' : text);
  return {
    appKey: pick('app_key'),
    method: pick('method'),
    v: pick('v'),
    timestamp: pick('timestamp'),
    sign: pick('sign'),
    signMethod: pick('sign_method'),
    accessToken: pick('access_token'),
    paramJson,
  };
}
