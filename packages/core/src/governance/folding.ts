/**
 * Folding: the text the matcher reads, with every usual evasion undone, and a map back to the
 * original. Per code point: inserted spaces, punctuation, symbols, emoji, zero-width and other
 * format characters are skipped; the rest is NFKC-normalised (full-width → half-width, circled
 * digits → digits, compatibility ideographs → unified ones) and lower-cased. Traditional and
 * variant characters become simplified through OpenCC (opencc-js), phrase-aware, whenever the text
 * holds any. Each folded UTF-16 unit remembers the original span it came from, so a match on the
 * folded text reports offsets into what the author wrote.
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

// Hong Kong and Taiwan variants first, then traditional → simplified (phrases, then characters).
const toSimplified = ConverterFactory(Locale.from.hk, Locale.from.tw, Locale.to.cn);

/** Whitespace, punctuation, symbols (emoji among them), format, control and combining marks, unassigned. */
const SKIP = /^[\p{White_Space}\p{P}\p{S}\p{Cf}\p{Cc}\p{Mn}\p{Me}\p{Cn}\p{Co}]$/u;

/** Per BMP code unit: the folded form before traditional → simplified ('' when skipped). */
const bmpFold: (string | undefined)[] = new Array(0x10000);
/** Per BMP code unit: 1 when OpenCC changes the character on its own. */
const bmpTraditional = new Int8Array(0x10000).fill(-1);
const astralFold = new Map<number, string>();

function computeFold(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (SKIP.test(ch)) return '';
  const normal = ch.normalize('NFKC').toLowerCase();
  if (normal === ch) return ch;
  let out = '';
  for (const c of normal) if (!SKIP.test(c)) out += c;
  return out;
}

function foldCodePoint(cp: number): string {
  if (cp < 0x80) {
    if (cp >= 0x61 && cp <= 0x7a) return String.fromCharCode(cp);
    if (cp >= 0x30 && cp <= 0x39) return String.fromCharCode(cp);
    if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32);
    return '';
  }
  if (cp < 0x10000) {
    let f = bmpFold[cp];
    if (f === undefined) {
      f = computeFold(cp);
      bmpFold[cp] = f;
    }
    return f;
  }
  let f = astralFold.get(cp);
  if (f === undefined) {
    f = computeFold(cp);
    astralFold.set(cp, f);
  }
  return f;
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

let startBuf = new Int32Array(256);
let endBuf = new Int32Array(256);

/** Folds a text for matching and keeps, per folded unit, the original span it came from. */
export function foldText(original: string): FoldedText {
  const n = original.length;
  // NFKC can expand one code point into several (㎏ → kg, ⑴ → 1): size the scratch generously.
  if (startBuf.length < n * 4 + 8) {
    startBuf = new Int32Array(n * 4 + 8);
    endBuf = new Int32Array(n * 4 + 8);
  }
  let text = '';
  let len = 0;
  let traditional = false;
  for (let i = 0; i < n; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const piece = foldCodePoint(cp);
    for (let k = 0; k < piece.length; k++) {
      if (len >= startBuf.length) grow();
      startBuf[len] = i;
      endBuf[len] = i + width;
      len++;
      if (!traditional && isTraditional(piece.charCodeAt(k))) traditional = true;
    }
    text += piece;
    i += width;
  }
  if (traditional) text = simplify(text);
  return { text, start: startBuf.slice(0, len), end: endBuf.slice(0, len) };
}

function grow(): void {
  const s = new Int32Array(startBuf.length * 2);
  s.set(startBuf);
  const e = new Int32Array(endBuf.length * 2);
  e.set(endBuf);
  startBuf = s;
  endBuf = e;
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
  return foldText(term).text;
}

/**
 * The same text with only full-width ASCII made half-width and ASCII lower-cased: one UTF-16 unit
 * per unit, so offsets are the original's. Detectors that need punctuation (URLs) read this.
 */
export function widthFold(original: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    let r = -1;
    if (c >= 0xff01 && c <= 0xff5e) r = c - 0xfee0;
    else if (c === 0x3002 || c === 0xff61) r = 0x2e; // 。and ｡ read as a dot
    if (r >= 0x41 && r <= 0x5a) r += 32;
    else if (r === -1 && c >= 0x41 && c <= 0x5a) r = c + 32;
    if (r !== -1) {
      out += original.slice(from, i) + String.fromCharCode(r);
      from = i + 1;
    }
  }
  return from === 0 ? original : out + original.slice(from);
}
