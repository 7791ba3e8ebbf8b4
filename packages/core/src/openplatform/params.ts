/** Reading param_json fields with the wire format's answers for missing (40002) or wrong (40004) values. Pure. */
import { badBusinessParam, missingBusinessParam } from './envelope.js';

export type Params = Record<string, unknown>;

/** 40004 sub-code number for a field of the wrong type or out of range, unless the method documents its own. */
export const GENERIC_INVALID = 10001;

function asInt(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  if (typeof v === 'string' && /^-?\d{1,16}$/.test(v)) return Number(v);
  return null;
}

export function optInt(
  p: Params,
  name: string,
  range: { min?: number; max?: number; n?: number } = {},
): number | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = asInt(v);
  if (n === null) throw badBusinessParam(GENERIC_INVALID, `${name}必须为整数`);
  if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max))
    throw badBusinessParam(range.n ?? GENERIC_INVALID, `${name}超出范围`);
  return n;
}

export function reqInt(p: Params, name: string, range: { min?: number; max?: number; n?: number } = {}): number {
  const n = optInt(p, name, range);
  if (n === undefined) throw missingBusinessParam(name);
  return n;
}

/** A string field; numbers are read as their digits (ids are strings on the wire, some SDKs send numbers). */
export function optStr(p: Params, name: string, maxLen = 200): string | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  const s = typeof v === 'string' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : null;
  if (s === null) throw badBusinessParam(GENERIC_INVALID, `${name}必须为字符串`);
  if (s.length > maxLen) throw badBusinessParam(GENERIC_INVALID, `${name}过长`);
  return s;
}

export function reqStr(p: Params, name: string, maxLen = 200): string {
  const s = optStr(p, name, maxLen);
  if (s === undefined) throw missingBusinessParam(name);
  return s;
}

/** A boolean (true/false, or "true"/"false" as several fields are sent as strings). */
export function optBool(p: Params, name: string): boolean | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 'true' || v === 1 || v === '1') return true;
  if (v === false || v === 'false' || v === 0 || v === '0') return false;
  throw badBusinessParam(GENERIC_INVALID, `${name}必须为布尔值`);
}

export function optArray(p: Params, name: string, max: number): unknown[] | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw badBusinessParam(GENERIC_INVALID, `${name}必须为数组`);
  if (v.length > max) throw badBusinessParam(GENERIC_INVALID, `${name}最多${max}个`);
  return v;
}

export function reqArray(p: Params, name: string, max: number): unknown[] {
  const a = optArray(p, name, max);
  if (!a || a.length === 0) throw missingBusinessParam(name);
  return a;
}

export function asObject(v: unknown, name: string): Params {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badBusinessParam(GENERIC_INVALID, `${name}必须为对象`);
  return v as Params;
}

/** Unix seconds → epoch ms, or null. */
export const secToMs = (s: number | undefined): number | undefined => (s === undefined ? undefined : s * 1000);
/** Epoch ms → Unix seconds (0 for none). */
export const msToSec = (ms: number | null | undefined): number =>
  ms === null || ms === undefined ? 0 : Math.floor(Number(ms) / 1000);
