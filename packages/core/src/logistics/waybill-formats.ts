/**
 * Waybill (运单号) formats of the express carriers merchants ship with, in one table (pure): what a
 * carrier's numbers look like, and a deterministic number in that format for a serial (the demo
 * data and the sandbox use these, so a 中通 parcel never carries a 顺丰 number).
 */

export interface WaybillFormat {
  /** The carrier's name as merchants pick it (快递公司). */
  carrier: string;
  /** The carrier's usual short code. */
  code: string;
  /** What the carrier's waybill numbers look like. */
  pattern: RegExp;
  /** How a waybill number is written for people (shown as a hint). */
  example: string;
  /** Builds a number in this format from a serial (0 ≤ serial < 10^10; the same serial, the same number). */
  make(serial: number): string;
}

const digits = (n: number, width: number): string => String(Math.trunc(Math.abs(n)) % 10 ** width).padStart(width, '0');

/** The formats, one row per carrier. */
export const WAYBILL_FORMATS: readonly WaybillFormat[] = [
  {
    carrier: '顺丰速运',
    code: 'SF',
    pattern: /^SF\d{12,13}$/,
    example: 'SF1428301675942',
    make: (s) => `SF14${digits(s, 11)}`,
  },
  {
    carrier: '中通快递',
    code: 'ZTO',
    pattern: /^[57]\d{11,14}$/,
    example: '731062985471',
    make: (s) => `7${3 + (s % 6)}${digits(s, 10)}`,
  },
  {
    carrier: '圆通速递',
    code: 'YTO',
    pattern: /^YT\d{13}$/,
    example: 'YT6702938471526',
    make: (s) => `YT67${digits(s, 11)}`,
  },
  {
    carrier: '韵达快递',
    code: 'YD',
    pattern: /^(31|43|46)\d{11}$/,
    example: '4312098765432',
    make: (s) => `43${digits(s, 11)}`,
  },
  {
    carrier: '申通快递',
    code: 'STO',
    pattern: /^(77|268|368|58)\d{10,13}$/,
    example: '7730192846571',
    make: (s) => `77${digits(s, 11)}`,
  },
  {
    carrier: '京东物流',
    code: 'JD',
    pattern: /^JD[0-9A-Z]{13}$/,
    example: 'JDVA20938475610',
    make: (s) => `JDVA${digits(s, 11)}`,
  },
  {
    carrier: 'EMS',
    code: 'EMS',
    pattern: /^(1\d{12}|E[A-Z]\d{9}CN)$/,
    example: '1180293847562',
    make: (s) => `11${digits(s, 11)}`,
  },
  {
    carrier: '极兔速递',
    code: 'JT',
    pattern: /^JT\d{13}$/,
    example: 'JT5019283746501',
    make: (s) => `JT50${digits(s, 11)}`,
  },
];

/** The format of a carrier, by its name or its code (undefined for a carrier not in the table). */
export function waybillFormat(carrier: string): WaybillFormat | undefined {
  const key = carrier.trim();
  return WAYBILL_FORMATS.find((f) => f.carrier === key || f.code.toLowerCase() === key.toLowerCase());
}

/** Whether a number fits its carrier's format; true for carriers the table does not know. */
export function fitsWaybillFormat(carrier: string, waybillNo: string): boolean {
  const f = waybillFormat(carrier);
  return f ? f.pattern.test(waybillNo) : true;
}

/** A waybill number in the carrier's own format for a serial; throws for a carrier not in the table. */
export function waybillNumber(carrier: string, serial: number): string {
  const f = waybillFormat(carrier);
  if (!f) throw new Error(`no waybill format for carrier ${carrier}`);
  return f.make(serial);
}
