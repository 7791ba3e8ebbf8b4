/**
 * CSV for download (pure): what Excel in China opens without garbled text or surprises —
 * UTF-8 with a BOM (without it Excel reads the bytes as GBK), CRLF line ends, fields quoted when
 * they hold a comma, a quote, a line break or edge spaces, and text that a spreadsheet would run
 * as a formula (starting with = + - @, a tab or a carriage return) prefixed with an apostrophe.
 * Plain decimal numbers (amounts like -12.50) stay numbers: they are not formulas.
 *
 * Hand-written rather than csv-stringify: its formula escaping also prefixes negative numbers,
 * which would turn every refund in a statement into text.
 */
export type CsvCell = string | number | null | undefined;

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell as it goes into the file. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: BOM, one line per row, CRLF after every row. */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return `\ufeff${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
