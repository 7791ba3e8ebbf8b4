/**
 * A small, strict CSV reader for merchant uploads (pure, no I/O): UTF-8 BOM, CRLF/LF/CR line
 * ends, quoted fields with "" escapes and line breaks inside quotes, blank lines (and lines of empty fields) skipped.
 * Each record keeps the line it starts on, so answers can point at a row the merchant can find.
 */
import { DomainError } from '../platform/index.js';

export interface CsvRecord {
  /** 1-based line number where the record starts (the header is normally line 1). */
  line: number;
  fields: string[];
}

/** Splits CSV text into records; an unterminated quote answers 400 CSV_MALFORMED. */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (kept verbatim, not trimmed)
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        line++;
        if (ch === '\r' && src[i + 1] === '\n') i++;
        field += '\n';
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      field = '';
      i++;
      continue;
    }
    if (ch === ',') {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      i++;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    if (wasQuoted) {
      // text after a closing quote, e.g. "abc"def: keep it (lenient), but only if not whitespace
      if (ch.trim() !== '') field += ch;
      i++;
      continue;
    }
    field += ch;
    i++;
  }
  if (quoted)
    throw new DomainError('CSV_MALFORMED', `a quoted field starting on line ${recordLine} is never closed`, {
      line: recordLine,
    });
  if (field !== '' || wasQuoted || fields.length > 0) endRecord();
  return records;
}

export interface ShipmentCsvRow {
  row: number;
  orderId: string;
  carrier: string;
  trackingNo: string;
}

export const MAX_SHIPMENT_ROWS = 500;

const HEADER_NAMES: Record<'orderId' | 'carrier' | 'trackingNo', string[]> = {
  orderId: ['orderid', 'order_id', 'order id', '订单号', '订单编号'],
  carrier: ['carrier', '快递公司', '物流公司', '承运商'],
  trackingNo: ['trackingno', 'tracking_no', 'tracking no', 'trackingnumber', '运单号', '快递单号'],
};

/**
 * The rows of a batch-shipping CSV: a header naming orderId, carrier and trackingNo (any order,
 * case-insensitive, Chinese names accepted), then at most 500 rows. Whole-file problems (no
 * header, missing column, no rows, too many rows) are 400s; a short row is returned with empty
 * fields so the caller reports it against its row number.
 */
export function parseShipmentCsv(text: string): ShipmentCsvRow[] {
  const records = parseCsv(text);
  const header = records[0];
  if (!header)
    throw new DomainError(
      'CSV_EMPTY',
      'the file is empty: give a header row orderId,carrier,trackingNo and one row per order',
    );
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = {} as Record<keyof typeof HEADER_NAMES, number>;
  const missing: string[] = [];
  for (const [key, aliases] of Object.entries(HEADER_NAMES) as Array<[keyof typeof HEADER_NAMES, string[]]>) {
    const at = names.findIndex((n) => aliases.includes(n));
    if (at < 0) missing.push(key);
    index[key] = at;
  }
  if (missing.length > 0) {
    throw new DomainError(
      'CSV_HEADER_INVALID',
      `the header row must name orderId, carrier and trackingNo (missing: ${missing.join(', ')})`,
      { missing, found: header.fields.slice(0, 10) },
    );
  }
  const body = records.slice(1);
  if (body.length === 0) throw new DomainError('CSV_EMPTY', 'the file has a header but no rows');
  if (body.length > MAX_SHIPMENT_ROWS)
    throw new DomainError('TOO_MANY_ROWS', `at most ${MAX_SHIPMENT_ROWS} rows per file (this one has ${body.length})`, {
      max: MAX_SHIPMENT_ROWS,
      rows: body.length,
    });
  return body.map((r) => ({
    row: r.line,
    orderId: (r.fields[index.orderId] ?? '').trim(),
    carrier: (r.fields[index.carrier] ?? '').trim(),
    trackingNo: (r.fields[index.trackingNo] ?? '').trim(),
  }));
}
