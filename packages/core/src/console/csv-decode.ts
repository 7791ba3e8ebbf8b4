/**
 * The text of an uploaded CSV, whichever encoding wrote it. Excel in China saves "CSV" in the
 * system code page (GBK; GB18030 is its superset) and "CSV UTF-8" with a BOM; other tools write
 * UTF-8 without one. The bytes are decoded as strict UTF-8 first and, when that fails, as
 * GB18030 (iconv-lite). A strict decode rather than a statistical detector: Chinese text in GBK is
 * practically never valid UTF-8 (its lead bytes 0x81–0xFE are followed by bytes UTF-8 forbids
 * there), while detectors guess from letter frequencies and misjudge the short, mostly ASCII
 * files batch shipping gets (a header, order ids, tracking numbers, a few carrier names).
 */
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'gb18030';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: strictUtf8.decode(body), encoding: 'utf-8' };
  } catch {
    if (hasBom) return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8' };
    return {
      text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030'),
      encoding: 'gb18030',
    };
  }
}
