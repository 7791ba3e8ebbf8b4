/**
 * The cover a video gets when no poster was uploaded and no frame can be taken from it (no
 * ffmpeg on the server): a 9:16 title card (SVG) with the video's title and its author's name on
 * a gradient, the same card for the same title and author. Pure.
 */

/** Gradient pairs the card picks from (deep enough for white text). */
const PALETTES: ReadonlyArray<readonly [string, string]> = [
  ['#fe2c55', '#7a1330'],
  ['#ff7a45', '#9c2d0f'],
  ['#13a8a8', '#0b4f6c'],
  ['#2f54eb', '#161e5c'],
  ['#722ed1', '#2a0f5c'],
  ['#389e0d', '#0f4a24'],
  ['#d48806', '#6b3a07'],
  ['#c41d7f', '#4f0d3a'],
];

export const TITLE_CARD_WIDTH = 540;
export const TITLE_CARD_HEIGHT = 960;
const MAX_LINES = 4;
/** Line width in "full-width characters" (a CJK character counts 1, other characters about half). */
const LINE_EMS = 9;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const ems = (ch: string): number => (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : 0.55);

/** Breaks a title into at most MAX_LINES lines of about LINE_EMS full-width characters (words kept whole when they fit); an ellipsis when it is cut. */
export function titleLines(title: string, lineEms = LINE_EMS, maxLines = MAX_LINES): string[] {
  // Tokens: one CJK character, a run of other non-space characters (a word), or a space.
  const tokens =
    title
      .replace(/\s+/g, ' ')
      .trim()
      .match(
        /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]| |[^ \u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+/g,
      ) ?? [];
  const width = (t: string): number => [...t].reduce((n, ch) => n + ems(ch), 0);
  const lines: string[] = [];
  let line = '';
  const push = (): boolean => {
    if (line.trim()) lines.push(line.trim());
    line = '';
    return lines.length >= maxLines;
  };
  let cut = false;
  outer: for (const token of tokens) {
    if (width(line + token) <= lineEms) {
      line += token;
      continue;
    }
    if (token === ' ') {
      if (push()) {
        cut = true;
        break;
      }
      continue;
    }
    if (line.trim() && push()) {
      cut = true;
      break;
    }
    // A word longer than a line is broken where the line ends.
    for (const ch of token) {
      if (width(line + ch) > lineEms && push()) {
        cut = true;
        break outer;
      }
      line += ch;
    }
  }
  if (!cut) push();
  else if (lines.length === maxLines) {
    const last = [...lines[maxLines - 1]!];
    lines[maxLines - 1] = `${last.slice(0, Math.max(1, last.length - 1)).join('')}…`;
  }
  return lines.slice(0, maxLines);
}

const escapeXml = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The title card of a video as an SVG document. */
export function titleCardSvg(input: { title: string; author: string }): string {
  const h = hash(`${input.title}\u0000${input.author}`);
  const [from, to] = PALETTES[h % PALETTES.length]!;
  const lines = titleLines(input.title);
  const size = 60;
  const lead = 84;
  const top = Math.round(TITLE_CARD_HEIGHT * 0.42 - ((lines.length - 1) * lead) / 2);
  const cx = 90 + ((h >>> 8) % 360);
  const cy = 120 + ((h >>> 16) % 260);
  const text = lines
    .map(
      (l, i) =>
        `<text x="60" y="${top + i * lead}" font-size="${size}" font-weight="700" fill="#ffffff">${escapeXml(l)}</text>`,
    )
    .join('');
  const author = escapeXml(`@${[...input.author].slice(0, 24).join('')}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${TITLE_CARD_WIDTH}" height="${TITLE_CARD_HEIGHT}" viewBox="0 0 ${TITLE_CARD_WIDTH} ${TITLE_CARD_HEIGHT}">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>`,
    `<rect width="${TITLE_CARD_WIDTH}" height="${TITLE_CARD_HEIGHT}" fill="url(#g)"/>`,
    `<circle cx="${cx}" cy="${cy}" r="220" fill="#ffffff" fill-opacity="0.08"/>`,
    `<circle cx="${TITLE_CARD_WIDTH - cx / 2}" cy="${TITLE_CARD_HEIGHT - cy}" r="160" fill="#ffffff" fill-opacity="0.06"/>`,
    `<g font-family="'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif">`,
    `<rect x="60" y="${top - lead - 10}" width="72" height="8" rx="4" fill="#ffffff" fill-opacity="0.85"/>`,
    text,
    `<text x="60" y="${TITLE_CARD_HEIGHT - 110}" font-size="34" fill="#ffffff" fill-opacity="0.9">${author}</text>`,
    `</g></svg>`,
  ].join('');
}
