/**
 * A small client of the open platform, written from the wire format as an ERP would be: builds
 * param_json the way the official SDKs do, signs with HMAC-SHA256, POSTs the body raw and reads
 * the envelope. The benchmark and the tests use it; the docs show the same steps.
 */
import { canonicalParamJson, signRequest } from '@zhongcao/core';

export interface OpenEnvelope<T = unknown> {
  code: number;
  msg: string;
  sub_code: string;
  sub_msg: string;
  log_id: string;
  data: T;
  err_no: number;
  message: string;
}

export interface ClientOptions {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** Unix seconds by default; tests move it. */
  now?: () => number;
}

export class OpenApiClient {
  constructor(private readonly o: ClientOptions) {}

  /** The signed URL and body of a call (for tests that change one byte). */
  build(
    method: string,
    params: Record<string, unknown>,
    accessToken?: string,
    signMethod: 'hmac-sha256' | 'md5' = 'hmac-sha256',
  ): { url: string; body: string } {
    const paramJson = canonicalParamJson(params);
    const timestamp = String(Math.floor((this.o.now?.() ?? Date.now()) / 1000));
    const sign = signRequest(
      this.o.appSecret,
      { appKey: this.o.appKey, method, paramJson, timestamp, v: '2' },
      signMethod,
    );
    const q = new URLSearchParams({ app_key: this.o.appKey, method, v: '2', timestamp, sign, sign_method: signMethod });
    if (accessToken) q.set('access_token', accessToken);
    return { url: `${this.o.baseUrl}/${method.replace(/\./g, '/')}?${q}`, body: paramJson };
  }

  async call<T = unknown>(
    method: string,
    params: Record<string, unknown> = {},
    accessToken?: string,
  ): Promise<OpenEnvelope<T>> {
    const { url, body } = this.build(method, params, accessToken);
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    if (res.status !== 200) throw new Error(`gateway answered HTTP ${res.status}`);
    return (await res.json()) as OpenEnvelope<T>;
  }
}
