/**
 * The open platform's answer: always HTTP 200 with the seven envelope fields, a platform code
 * and a sub-code. Pure. Platform codes are the wire format's numbers, not DomainError codes.
 */

export type PlatformCode =
  | 10000
  | 10001
  | 20000
  | 20001
  | 30001
  | 30002
  | 40001
  | 40002
  | 40003
  | 40004
  | 50001
  | 50002
  | 60000
  | 70000
  | 80000
  | 90000;

export const PLATFORM_MSG: Readonly<Record<PlatformCode, string>> = {
  10000: 'success',
  10001: '部分失败',
  20000: '服务不可用',
  20001: '服务超时',
  30001: '无权限',
  30002: 'IP不在白名单内',
  40001: '缺少必选参数',
  40002: '缺少业务参数',
  40003: '非法的参数',
  40004: '非法的业务参数',
  50001: '平台处理失败',
  50002: '业务处理失败',
  60000: '调用频率超限',
  70000: '接口已下线',
  80000: '安全错误',
  90000: '其他错误',
};

/** A failure answered in the envelope (the gateway catches it and never answers a 5xx). */
export class OpenApiError extends Error {
  constructor(
    readonly code: Exclude<PlatformCode, 10000>,
    readonly subCode: string,
    readonly subMsg: string,
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`${code} ${subCode}: ${subMsg}`);
    Error.stackTraceLimit = limit;
    this.name = 'OpenApiError';
  }
}

export interface Envelope {
  code: number;
  msg: string;
  sub_code: string;
  sub_msg: string;
  log_id: string;
  data: unknown;
  err_no: number;
  message: string;
}

export function successEnvelope(data: unknown, logId: string): Envelope {
  return { code: 10000, msg: 'success', sub_code: '', sub_msg: '', log_id: logId, data, err_no: 0, message: 'success' };
}

/**
 * A method's `data` already serialised, as UTF-8: exactly the bytes JSON.stringify gives for the
 * value it stands for (the hot reads build their answers from JSON kept per order, encoded once).
 * It holds its parts as they come (a page's 20 orders are 20 kept buffers and the commas between
 * them) and the envelope copies them once, into the answer; anything that serialises it
 * generically gets the same bytes; `wireData` reads it back.
 */
export class WireJson {
  private constructor(
    readonly parts: readonly Buffer[],
    readonly byteLength: number,
  ) {}
  /** The parts (JSON text and UTF-8 bytes) one after another. */
  static of(parts: ReadonlyArray<string | Buffer>): WireJson {
    const bufs = parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
    let n = 0;
    for (const b of bufs) n += b.length;
    return new WireJson(bufs, n);
  }
  /** All its bytes in one buffer. */
  get bytes(): Buffer {
    return Buffer.concat(this.parts as Buffer[], this.byteLength);
  }
  toJSON(): unknown {
    return JSON.parse(this.bytes.toString('utf8'));
  }
}

/** A method's answer as a value (a WireJson parsed). */
export const wireData = (data: unknown): unknown => (data instanceof WireJson ? data.toJSON() : data);

/** A comma between parts of a WireJson (one buffer for every array's separators). */
export const WIRE_COMMA = Buffer.from(',', 'utf8');

const SUCCESS_HEAD = Buffer.from('{"code":10000,"msg":"success","sub_code":"","sub_msg":"","log_id":', 'utf8');
const SUCCESS_DATA = Buffer.from(',"data":', 'utf8');
const SUCCESS_TAIL = Buffer.from(',"err_no":0,"message":"success"}', 'utf8');

/**
 * The success envelope: the bytes of JSON.stringify(successEnvelope(data, logId)) in UTF-8 — a
 * string, or for a WireJson its parts copied once between the envelope's (nothing serialised or
 * encoded again).
 */
export function successBody(data: unknown, logId: string): string | Buffer {
  if (!(data instanceof WireJson)) return JSON.stringify(successEnvelope(data, logId));
  const id = Buffer.from(JSON.stringify(logId), 'utf8');
  return Buffer.concat(
    [SUCCESS_HEAD, id, SUCCESS_DATA, ...data.parts, SUCCESS_TAIL],
    SUCCESS_HEAD.length + id.length + SUCCESS_DATA.length + data.byteLength + SUCCESS_TAIL.length,
  );
}

export function errorEnvelope(e: OpenApiError, logId: string): Envelope {
  return {
    code: e.code,
    msg: PLATFORM_MSG[e.code],
    sub_code: e.subCode,
    sub_msg: e.subMsg,
    log_id: logId,
    data: {},
    err_no: e.code,
    message: e.subMsg,
  };
}

// The failures the gateway and the methods answer with, by name.
export const missingParam = (
  sub: 'isv.signature-missing' | 'isv.app-id-missing' | 'isv.access-token-missing' | 'isv.method-missing',
  what: string,
) => new OpenApiError(40001, sub, `缺少参数${what}`);
export const badPlatformParam = (sub: string, msg: string) => new OpenApiError(40003, sub, msg);
export const missingBusinessParam = (field: string) =>
  new OpenApiError(40002, 'isv.missing-parameter', `缺少参数${field}`);
/** `isv.parameter-invalid:<n>`; n is the documented number where the spec gives one. */
export const badBusinessParam = (n: number, msg: string) => new OpenApiError(40004, `isv.parameter-invalid:${n}`, msg);
export const noPermission = (
  sub:
    | 'isv.app-permissions-insufficient'
    | 'dop.authorization-no-existed'
    | 'dop.app-forbidden'
    | 'dop.authorization-closed',
  msg: string,
) => new OpenApiError(30001, sub, msg);
export const tokenFailed = (
  reason:
    | 'code-expired'
    | 'code-invalid'
    | 'grant-type-invalid'
    | 'app-secret-invalid'
    | 'token-expired'
    | 'token-invalid'
    | 'no-authorization',
  msg: string,
) => new OpenApiError(50001, `dop.token-generate-failed:${reason}`, msg);
export const businessFailed = (n: number, msg: string) => new OpenApiError(50002, `isv.business-failed:${n}`, msg);
export const trafficLimited = () => new OpenApiError(60000, 'isv.traffic-limited', '调用频率超限');
export const apiOff = (method: string) => new OpenApiError(70000, 'isp.api-service-off', `接口${method}不存在或已下线`);
export const serviceError = (n: number) => new OpenApiError(20000, `isp.service-error:${n}`, '服务繁忙，请稍后重试');

/** Numbers of the platform's own business failures in `isv.business-failed:<n>`. */
const BUSINESS_NUMBERS: Readonly<Record<string, number>> = {
  INVALID_TRANSITION: 30001,
  ACTION_NOT_ALLOWED: 30001, // an after-sales action the case's state does not allow
  NOTHING_TO_SHIP: 30002,
  LINE_NOT_SHIPPABLE: 30003,
  TRACKING_NUMBER_USED: 30004,
  STOCK_WOULD_GO_NEGATIVE: 30005,
  WRONG_PARTY: 30006,
  FORBIDDEN: 30007,
  CONTENT_REJECTED: 30009,
  PARCEL_DELIVERED: 30010,
  PARCEL_COLLECTED: 30011,
  ORDER_NOT_IN_TRANSIT: 30012,
  TRACKING_UNCHANGED: 30013,
};

/** A service's DomainError as the envelope's code: unknown ids and bad values are business parameters (40004), refusals business failures (50002). */
export function wireErrorOf(err: { code: string; message: string }): OpenApiError {
  if (err.code === 'NOT_FOUND') return new OpenApiError(40004, 'isv.parameter-invalid:10002', `${err.message}`);
  if (err.code === 'INVALID_INPUT' || err.code === 'VALIDATION_FAILED')
    return new OpenApiError(40004, 'isv.parameter-invalid:10001', err.message);
  return new OpenApiError(
    50002,
    `isv.business-failed:${BUSINESS_NUMBERS[err.code] ?? 39999}`,
    `${err.code}: ${err.message}`,
  );
}
