/**
 * The rules of the i18n coverage check (e2e/i18n-coverage.test.ts), kept pure so they have
 * their own unit test: which words in a screen's visible text are untranslated UI text, which
 * strings arrived as user content, and which look like raw i18n keys.
 */

/** Latin words a Chinese screen may show: brand names, trade abbreviations, file formats, units. */
export const ALLOWED_WORDS = new Set([
  'Zhongcao',
  'GMV',
  'GPM',
  'SKU',
  'ID',
  'MCN',
  'DOU',
  'CSV',
  'API',
  'OpenAPI',
  'URL',
  'EN',
  'QR',
  'ERP',
  'AppKey',
  'AppSecret',
  'IP',
  // the recommendation metrics on 平台管理 · 推荐模型 (hit rate and NDCG at 10), named as in the literature
  'HR',
  'NDCG',
  'JPEG',
  'JPG',
  'PNG',
  'WebP',
  'GIF',
  'MP4',
  'WebM',
  'HLS',
  'RTMP',
  'CPU',
  'UV',
  'PV',
  'CTR',
  'ROI',
  'g',
  'kg',
  'mg',
  'ml',
  'mL',
  'L',
  'cm',
  'mm',
  'm',
  'km',
  'x',
  'KB',
  'MB',
  'GB',
  // the language switch names the other language in that language
  'English',
]);

/** Names that are brands as a whole (the sandbox payment provider). */
export const ALLOWED_PHRASES = ['Zhongcao Sandbox Pay'];

/**
 * API fields whose strings are vocabulary, not content: a status, code, kind or reason the UI must
 * word itself, and the server's English error messages and memos. Every other string an API
 * answer carries (titles, names, captions, comments, addresses…) is user content.
 */
const VOCABULARY_KEY =
  /(status|state|kind|type|code|reason|role|source|outcome|message|memo|error|mode|level|tier|action|actorkind)s?$/i;

/** Adds the user-content strings of an API answer (or a live-room frame) to `into`. */
export function collectUserStrings(value: unknown, into: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.length > 0 && !VOCABULARY_KEY.test(key) && !/(^|[a-z])id$|Id$|Ids$|^ids$/.test(key)) into.add(text);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectUserStrings(item, into, key);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'error') continue; // {"error":{"code","message"}}: never content
      collectUserStrings(v, into, k);
    }
  }
}

/** True when a text node's text is (part of) something the server sent as user content. */
export function isUserContent(text: string, userText: string): boolean {
  const t = text.trim();
  return t.length > 0 && userText.includes(t);
}

/**
 * The UI's own part of a text node that also shows user content ("滇果优选旗舰店 · Owner",
 * "订单 ord_1 · 云南大理"): every user string of two or more characters in it, longest first, taken out.
 */
export function withoutUserContent(text: string, userStrings: readonly string[]): string {
  let rest = text;
  for (const s of userStrings) {
    if (s.length < 2 || !rest.includes(s)) continue;
    // Never out of the middle of a longer Latin word or id: a user string "qq" taken out of
    // "afs_01m…akqqk" would leave "k", a word of its own.
    const edge = (c: string | undefined) => (c !== undefined && /[A-Za-z0-9_]/.test(c) ? LATIN_EDGE : '');
    const pattern = new RegExp(`${edge(s[0])}${escapeRegExp(s)}${edge(s.at(-1)).replace('(?<!', '(?!')}`, 'g');
    rest = rest.replace(pattern, ' ');
  }
  return rest;
}

const LATIN_EDGE = '(?<![A-Za-z0-9_])';
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const URL_RE = /\b(?:https?:\/\/|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org|io|dev|local)\b\S*/gi;
const EMAIL_RE = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const HANDLE_RE = /@[\p{L}\p{N}_.-]+/gu;
const WORD_RE = /[A-Za-z][A-Za-z0-9_'’+-]*/g;

/** The Latin words (and raw CODES) of a Chinese screen's text that are neither allowed nor ids, handles, emails or URLs. */
export function untranslatedWords(text: string): string[] {
  let rest = text;
  for (const phrase of ALLOWED_PHRASES) rest = rest.split(phrase).join(' ');
  rest = rest.replace(EMAIL_RE, ' ').replace(URL_RE, ' ').replace(HANDLE_RE, ' ');
  const words: string[] = [];
  for (const m of rest.matchAll(WORD_RE)) {
    const word = m[0].replace(/['’+-]+$/, '');
    if (/^[A-Z]+(?:_[A-Z]+)+$/.test(word)) {
      words.push(word); // an error or status code shown as is
      continue;
    }
    if (/[0-9_]/.test(word)) continue; // an id, an order or tracking number, "500g"
    if (ALLOWED_WORDS.has(word)) continue;
    words.push(word);
  }
  return words;
}

/** Text that looks like an i18n key rendered as is (`consoleUi.money.reason.x`), given the resources' top-level names. */
export function rawKeys(text: string, namespaces: readonly string[]): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b([a-zA-Z][a-zA-Z0-9]*)((?:\.[a-zA-Z0-9_]+)+)\b/g)) {
    if (namespaces.includes(m[1]!)) found.push(m[0]);
  }
  return found;
}
