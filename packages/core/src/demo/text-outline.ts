/**
 * Text as SVG outlines, so a generated image draws the same bytes on every machine whatever fonts
 * it has: glyphs come from Noto Sans SC (bold, SIL Open Font License) shipped by the
 * @fontsource/noto-sans-sc package as WOFF files split by Unicode range, each loaded on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import opentype from 'opentype.js';

const require = createRequire(import.meta.url);
const FONT_DIR = dirname(require.resolve('@fontsource/noto-sans-sc/unicode.json'));
const WEIGHT = 700;

interface Subset {
  file: string;
  ranges: Array<[number, number]>;
}

let subsets: Subset[] | null = null;
const fonts = new Map<string, opentype.Font>();

/** "U+4e00-4e2f,U+4e31" → [[0x4e00, 0x4e2f], [0x4e31, 0x4e31]]. */
function parseRanges(text: string): Array<[number, number]> {
  return text.split(',').map((part) => {
    const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
    const a = parseInt(lo!, 16);
    return [a, hi === undefined ? a : parseInt(hi, 16)];
  });
}

function loadSubsets(): Subset[] {
  if (subsets) return subsets;
  const table = JSON.parse(readFileSync(join(FONT_DIR, 'unicode.json'), 'utf8')) as Record<string, string>;
  subsets = Object.entries(table).map(([key, ranges]) => ({
    file: `noto-sans-sc-${key.replace(/^\[(\d+)\]$/, '$1')}-${WEIGHT}-normal.woff`,
    ranges: parseRanges(ranges),
  }));
  return subsets;
}

/**
 * WOFF 1.0 → the plain OpenType font it wraps (tables inflated with node's zlib: opentype.js's own
 * inflater rejects some of these files).
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    t.tag.copy(header, rec);
    header.writeUInt32BE(t.checksum, rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(t.data.length, rec + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

function fontFor(codePoint: number): opentype.Font | null {
  const subset = loadSubsets().find((s) => s.ranges.some(([lo, hi]) => codePoint >= lo && codePoint <= hi));
  if (!subset) return null;
  let font = fonts.get(subset.file);
  if (!font) {
    const bytes = woffToSfnt(readFileSync(join(FONT_DIR, 'files', subset.file)));
    font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    fonts.set(subset.file, font);
  }
  return font;
}

export interface TextOutline {
  /** SVG path data of the whole line, its baseline starting at (x, y). */
  d: string;
  width: number;
  /** Characters the font has no glyph for (drawn as nothing). */
  missing: string[];
}

/** Outlines one line of text at `size` px, starting at (x, y) on the baseline. Characters the font lacks are skipped. */
export function outlineText(text: string, x: number, y: number, size: number): TextOutline {
  let pen = x;
  const parts: string[] = [];
  const missing: string[] = [];
  for (const ch of text) {
    const font = fontFor(ch.codePointAt(0)!);
    const glyph = font?.charToGlyph(ch);
    if (!font || !glyph || (glyph.index === 0 && ch !== ' ')) {
      missing.push(ch);
      continue;
    }
    parts.push(glyph.getPath(pen, y, size).toPathData(1));
    pen += ((glyph.advanceWidth ?? font.unitsPerEm) / font.unitsPerEm) * size;
  }
  return { d: parts.join(''), width: pen - x, missing };
}

/** The width `text` takes at `size` px. */
export function textWidth(text: string, size: number): number {
  return outlineText(text, 0, 0, size).width;
}
