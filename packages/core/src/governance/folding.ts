/**
 * Folding: the text the matcher reads, with every usual evasion undone, and a map back to the
 * original. Per code point: inserted spaces, punctuation, symbols, emoji, zero-width and other
 * format characters are skipped; the rest is NFKC-normalised (full-width → half-width, circled
 * digits → digits, compatibility ideographs → unified ones) and lower-cased. Traditional and
 * variant characters become simplified through OpenCC (opencc-js), phrase-aware, whenever the text
 * holds any. Each folded UTF-16 unit remembers the original span it came from, so a match on the
 * folded text reports offsets into what the author wrote.
 *
 * What a code point folds to is computed once (NFKC, the separator test, whether OpenCC changes
 * it) and remembered in typed arrays, so folding a text is one pass of array reads.
 */
import { ConverterFactory, Locale } from 'opencc-js/t2cn';

export interface FoldedText {
  /** The folded text. */
  text: string;
  /** For each UTF-16 unit of `text`, the start of the original code point it came from. */
  start: Int32Array;
  /** For each UTF-16 unit of `text`, the end (exclusive) of that original code point. */
  end: Int32Array;
}

// Hong Kong and Taiwan variants in one pass, then traditional → simplified (phrases, then characters).
const toSimplified = ConverterFactory([[...Locale.from.hk[0]!, ...Locale.from.tw[0]!]], Locale.to.cn);

/** Whitespace, punctuation, symbols (emoji among them), format, control and combining marks, unassigned, lone surrogates. */
const SKIP = /^[\p{White_Space}\p{P}\p{S}\p{Cf}\p{Cc}\p{Mn}\p{Me}\p{Cn}\p{Co}\p{Cs}]$/u;

const UNKNOWN = -1;
const SKIPPED = -2;
const SEVERAL = -3;
/** Per BMP code unit: the single folded unit, SKIPPED, SEVERAL (see `several`) or UNKNOWN. */
const bmpFold = new Int32Array(0x10000).fill(UNKNOWN);
/** Per BMP code unit: 1 when OpenCC changes the character on its own, 0 when not, -1 unknown. */
const bmpTraditional = new Int8Array(0x10000).fill(-1);
const several = new Map<number, string>();

function computeFold(cp: number): string {
  const ch = String.fromCodePoint(cp);
  const normal = ch.normalize('NFKC').toLowerCase();
  if (normal === ch) return SKIP.test(ch) ? '' : ch;
  // Normalise first (㎏ → kg, ① → 1, full-width ， → ,), then drop what is a separator.
  let out = '';
  for (const c of normal) if (!SKIP.test(c)) out += c;
  return out;
}

function bmpCode(unit: number): number {
  const f = computeFold(unit);
  let code: number;
  if (f.length === 0) code = SKIPPED;
  else if (f.length === 1) code = f.charCodeAt(0);
  else {
    code = SEVERAL;
    several.set(unit, f);
  }
  bmpFold[unit] = code;
  return code;
}

function isTraditional(unit: number): boolean {
  if (unit < 0x2e80) return false; // below the CJK radicals nothing converts
  let t = bmpTraditional[unit]!;
  if (t === -1) {
    const ch = String.fromCharCode(unit);
    t = toSimplified(ch) !== ch ? 1 : 0;
    bmpTraditional[unit] = t;
  }
  return t === 1;
}

let units = new Uint16Array(1024);
let startBuf = new Int32Array(1024);
let endBuf = new Int32Array(1024);

function ensure(capacity: number): void {
  if (units.length >= capacity) return;
  const size = Math.max(capacity, units.length * 2);
  const u = new Uint16Array(size);
  u.set(units);
  const s = new Int32Array(size);
  s.set(startBuf);
  const e = new Int32Array(size);
  e.set(endBuf);
  units = u;
  startBuf = s;
  endBuf = e;
}

function push(len: number, unit: number, from: number, to: number): number {
  if (len >= units.length) ensure(len + 1);
  units[len] = unit;
  startBuf[len] = from;
  endBuf[len] = to;
  return len + 1;
}

/**
 * Folds into shared scratch buffers and returns the folded text and its length; the offsets are
 * in `scratchStart`/`scratchEnd` until the next call. The matcher's hot path.
 */
export function foldIntoScratch(original: string): {
  text: string;
  length: number;
  start: Int32Array;
  end: Int32Array;
} {
  const n = original.length;
  ensure(n + 8);
  let len = 0;
  let traditional = false;
  for (let i = 0; i < n; i++) {
    const unit = original.charCodeAt(i);
    if (unit < 0x80) {
      // ASCII: letters lower-cased, digits kept, the rest are separators.
      if (unit >= 0x61 && unit <= 0x7a) len = push(len, unit, i, i + 1);
      else if (unit >= 0x30 && unit <= 0x39) len = push(len, unit, i, i + 1);
      else if (unit >= 0x41 && unit <= 0x5a) len = push(len, unit + 32, i, i + 1);
      continue;
    }
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < n) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const cp = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        let f = several.get(cp);
        if (f === undefined) {
          f = computeFold(cp);
          several.set(cp, f);
        }
        for (let k = 0; k < f.length; k++) len = push(len, f.charCodeAt(k), i, i + 2);
        i++;
        continue;
      }
    }
    let code = bmpFold[unit]!;
    if (code === UNKNOWN) code = bmpCode(unit);
    if (code === SKIPPED) continue;
    if (code === SEVERAL) {
      const f = several.get(unit)!;
      for (let k = 0; k < f.length; k++) {
        const c = f.charCodeAt(k);
        if (!traditional && isTraditional(c)) traditional = true;
        len = push(len, c, i, i + 1);
      }
      continue;
    }
    if (!traditional && isTraditional(code)) traditional = true;
    len = push(len, code, i, i + 1);
  }
  let text = unitsToString(len);
  if (traditional) text = simplify(text);
  return { text, length: len, start: startBuf, end: endBuf };
}

function unitsToString(len: number): string {
  let out = '';
  for (let from = 0; from < len; from += 4096)
    out += String.fromCharCode.apply(null, units.subarray(from, Math.min(len, from + 4096)) as unknown as number[]);
  return out;
}

/** Folds a text for matching and keeps, per folded unit, the original span it came from. */
export function foldText(original: string): FoldedText {
  const f = foldIntoScratch(original);
  return { text: f.text, start: f.start.slice(0, f.length), end: f.end.slice(0, f.length) };
}

/** OpenCC over the whole text (phrase-aware); where that changes the length, character by character. */
function simplify(text: string): string {
  const whole = toSimplified(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const s = isTraditional(text.charCodeAt(i)) ? toSimplified(ch) : ch;
    out += s.length === 1 ? s : ch;
  }
  return out;
}

/** The folded form of a term or homophone (no offsets needed). */
export function foldTerm(term: string): string {
  return foldIntoScratch(term).text;
}

/**
 * The same text with only full-width ASCII made half-width, 。 read as a dot and ASCII
 * lower-cased: one UTF-16 unit per unit, so offsets are the original's. Link detection reads this.
 */
export function widthFold(original: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    let r = -1;
    if (c >= 0xff01 && c <= 0xff5e) r = c - 0xfee0;
    else if (c === 0x3002 || c === 0xff61) r = 0x2e;
    if (r >= 0x41 && r <= 0x5a) r += 32;
    else if (r === -1 && c >= 0x41 && c <= 0x5a) r = c + 32;
    if (r !== -1) {
      out += original.slice(from, i) + String.fromCharCode(r);
      from = i + 1;
    }
  }
  return from === 0 ? original : out + original.slice(from);
}
