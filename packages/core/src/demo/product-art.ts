/**
 * Generated demo pictures as SVG (pure): a product image shows the product's name and a drawn
 * motif of its kind (fruit, tea leaves, fish, a bowl of rice, a bottle of oil …) in the product's
 * colour; a video cover shows the same motif and name in portrait. Text comes in as outlines
 * (`Outline`), so the picture needs no font where it is rendered.
 */

export type Motif =
  | 'fruit'
  | 'fish'
  | 'shrimp'
  | 'shell'
  | 'crab'
  | 'tea'
  | 'rice'
  | 'oil'
  | 'condiment'
  | 'nuts'
  | 'cake'
  | 'jerky'
  | 'cookware'
  | 'knife'
  | 'board';

/** Leaf category names → the motif drawn for their products. */
const MOTIF_OF_CATEGORY: Readonly<Record<string, Motif>> = {
  水果: 'fruit',
  海鲜水产: 'fish',
  茶叶: 'tea',
  大米: 'rice',
  食用油: 'oil',
  调味品: 'condiment',
  坚果炒货: 'nuts',
  糕点饼干: 'cake',
  肉干: 'jerky',
  锅具: 'cookware',
  刀具: 'knife',
  砧板: 'board',
};

/** The motif for a product: by its leaf category (else `fallback`), seafood further by what the name says it is. */
export function motifFor(categoryName: string, productName: string, fallback?: Motif): Motif {
  const motif = MOTIF_OF_CATEGORY[categoryName] ?? fallback;
  if (motif === undefined) throw new Error(`demo pictures: no motif for category ${categoryName}`);
  if (motif !== 'fish') return motif;
  if (/蟹/.test(productName)) return 'crab';
  if (/虾/.test(productName)) return 'shrimp';
  if (/贝|蚝|蛤|蛏|鲍|花甲/.test(productName)) return 'shell';
  return 'fish';
}

/** The motif of each kind of goods a demo video shows (for a product whose category has none of its own). */
export const MOTIF_OF_KIND = {
  fruit: 'fruit',
  seafood: 'fish',
  tea: 'tea',
  staple: 'rice',
  condiment: 'condiment',
  snack: 'nuts',
  kitchen: 'cookware',
} as const satisfies Record<string, Motif>;

export interface ArtInput {
  /** The product's name, drawn large ("哀牢山冰糖橙"). */
  name: string;
  /** Its leaf category, drawn small ("水果"). */
  categoryName: string;
  /** The product's colour, `#rrggbb`. */
  color: string;
  /** The motif when the category has none of its own. */
  fallbackMotif?: Motif | undefined;
}

/** Outlines `text` at `size` px with its baseline starting at (x, y). */
export type Outline = (text: string, x: number, y: number, size: number) => { d: string; width: number };

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : [200, 120, 80];
}

const hex = (c: Rgb): string =>
  `#${c
    .map((v) =>
      Math.round(Math.max(0, Math.min(255, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
/** Mixes the colour towards `to` by `t` (0 keeps it, 1 gives `to`). */
const mix = (c: Rgb, to: Rgb, t: number): string =>
  hex([c[0] + (to[0] - c[0]) * t, c[1] + (to[1] - c[1]) * t, c[2] + (to[2] - c[2]) * t]);
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
const luminance = (c: Rgb): number => (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255;

/** The motif in a 200×200 box. `c` is the product colour. */
function motifSvg(motif: Motif, color: string): string {
  const c = rgb(color);
  const main = hex(c);
  const dark = mix(c, BLACK, 0.35);
  const light = mix(c, WHITE, 0.45);
  // Products that are nearly white (rice, white tea) get a darker outline so the shape still reads.
  const edge = luminance(c) > 0.8 ? mix(c, BLACK, 0.3) : dark;
  switch (motif) {
    case 'fruit':
      return `<circle cx="100" cy="114" r="70" fill="${main}" stroke="${edge}" stroke-width="3"/>
<ellipse cx="74" cy="88" rx="22" ry="12" fill="#fff" fill-opacity="0.4" transform="rotate(-35 74 88)"/>
<path d="M100 46 q3 -18 14 -28" stroke="#5b3a1e" stroke-width="7" fill="none" stroke-linecap="round"/>
<path d="M108 36 q32 -30 64 -12 q-28 30 -64 12z" fill="#4c9a2a"/>
<path d="M112 34 q26 -10 52 -8" stroke="#7cc35a" stroke-width="2.5" fill="none"/>`;
    case 'fish':
      return `<path d="M22 100 Q78 34 140 100 Q78 166 22 100 Z" fill="${main}" stroke="${edge}" stroke-width="3"/>
<path d="M134 100 L182 62 L172 100 L182 138 Z" fill="${dark}"/>
<path d="M74 60 Q96 36 118 70 Z" fill="${dark}"/>
<path d="M74 74 Q88 100 74 126" stroke="${dark}" stroke-width="4" fill="none"/>
<path d="M92 88 q8 6 0 12 M104 92 q8 6 0 12 M92 104 q8 6 0 12 M116 96 q6 5 0 10" stroke="${light}" stroke-width="3" fill="none"/>
<circle cx="50" cy="92" r="8" fill="#fff"/><circle cx="50" cy="92" r="4" fill="#222"/>`;
    case 'shrimp':
      return `<path d="M150 58 C190 90 170 170 100 172 C60 172 40 150 44 128 C70 140 96 144 118 128 C136 114 138 84 120 66 Z" fill="${main}" stroke="${edge}" stroke-width="3"/>
<path d="M126 72 q12 10 10 24 M132 104 q-4 14 -16 22 M104 136 q-12 8 -28 6" stroke="${dark}" stroke-width="4" fill="none"/>
<path d="M44 128 L20 112 L26 136 L14 150 L44 140 Z" fill="${dark}"/>
<circle cx="146" cy="66" r="6" fill="#222"/>
<path d="M152 56 C170 30 188 24 196 26 M156 60 C176 44 190 44 198 48" stroke="${dark}" stroke-width="3" fill="none"/>`;
    case 'shell':
      return `<path d="M100 172 L30 98 C30 50 64 28 100 28 C136 28 170 50 170 98 Z" fill="${main}" stroke="${edge}" stroke-width="3"/>
<path d="M100 170 L56 46 M100 170 L80 32 M100 170 L100 28 M100 170 L120 32 M100 170 L144 46" stroke="${dark}" stroke-width="4" fill="none"/>
<path d="M78 172 h44 l-8 16 h-28 z" fill="${dark}"/>`;
    case 'crab':
      return `<ellipse cx="100" cy="112" rx="62" ry="42" fill="${main}" stroke="${edge}" stroke-width="3"/>
<path d="M46 94 C24 70 26 44 44 34 C40 52 52 58 62 50 C60 68 56 82 62 92 Z M154 94 C176 70 174 44 156 34 C160 52 148 58 138 50 C140 68 144 82 138 92 Z" fill="${dark}"/>
<path d="M44 124 L14 138 M46 136 L20 158 M54 146 L36 172 M156 124 L186 138 M154 136 L180 158 M146 146 L164 172" stroke="${dark}" stroke-width="7" stroke-linecap="round"/>
<circle cx="86" cy="84" r="6" fill="#222"/><circle cx="114" cy="84" r="6" fill="#222"/>`;
    case 'tea':
      return `<path d="M96 150 C36 122 34 54 100 22 C150 66 146 124 96 150 Z" fill="${main}" stroke="${edge}" stroke-width="3"/>
<path d="M96 148 C98 104 100 66 100 26 M98 110 L72 90 M99 84 L78 66 M98 112 L124 92 M99 86 L120 70" stroke="${light}" stroke-width="3.5" fill="none"/>
<path d="M118 150 C140 112 174 104 190 112 C178 144 150 160 118 150 Z" fill="${dark}"/>
<path d="M30 146 h96 v6 c0 26 -22 40 -48 40 s-48 -14 -48 -40 z" fill="#fff" stroke="${edge}" stroke-width="3"/>
<path d="M126 156 c18 0 18 22 -4 24" stroke="${edge}" stroke-width="4" fill="none"/>`;
    case 'rice':
      return `<path d="M34 104 C34 60 166 60 166 104 Z" fill="${main}" stroke="${edge}" stroke-width="3"/>
<path d="M62 86 l8 -3 M82 76 l8 2 M104 72 l8 -2 M126 78 l7 3 M72 96 l8 1 M96 90 l8 -2 M118 92 l8 2 M142 94 l6 2 M52 98 l7 -1" stroke="${edge}" stroke-width="3" stroke-linecap="round"/>
<path d="M26 104 h148 c0 44 -32 72 -74 72 s-74 -28 -74 -72 z" fill="#3d5a80"/>
<path d="M40 120 h120" stroke="#e0c068" stroke-width="5"/>
<path d="M74 176 h52 v10 h-52 z" fill="#2b4260"/>
<path d="M128 14 L82 92 M146 16 L96 94" stroke="#8b5a2b" stroke-width="6" stroke-linecap="round"/>`;
    case 'oil':
      return `<rect x="88" y="22" width="24" height="22" fill="${main}" stroke="${edge}" stroke-width="3"/>
<rect x="84" y="10" width="32" height="16" rx="4" fill="#c0392b"/>
<path d="M88 44 h24 C126 52 140 62 140 80 V172 a12 12 0 0 1 -12 12 H72 a12 12 0 0 1 -12 -12 V80 C60 62 74 52 88 44 Z" fill="${main}" stroke="${edge}" stroke-width="3"/>
<rect x="70" y="104" width="60" height="52" rx="8" fill="#fff" fill-opacity="0.9"/>
<path d="M100 112 q16 20 0 34 q-16 -14 0 -34 z" fill="${dark}"/>
<path d="M72 86 V170" stroke="#fff" stroke-opacity="0.45" stroke-width="6" stroke-linecap="round"/>`;
    case 'condiment':
      return `<rect x="52" y="70" width="96" height="112" rx="22" fill="${main}" stroke="${edge}" stroke-width="3"/>
<rect x="58" y="44" width="84" height="30" rx="7" fill="#b03a2e"/>
<path d="M58 56 h84" stroke="#8a2a20" stroke-width="3"/>
<rect x="64" y="100" width="72" height="50" rx="8" fill="#fff" fill-opacity="0.9"/>
<path d="M82 126 h36 M86 136 h28" stroke="${dark}" stroke-width="5" stroke-linecap="round"/>
<path d="M100 104 q10 6 4 16 q-10 -4 -4 -16z" fill="#c0392b"/>
<path d="M64 84 V166" stroke="#fff" stroke-opacity="0.4" stroke-width="6" stroke-linecap="round"/>`;
    case 'nuts':
      return `<ellipse cx="92" cy="100" rx="58" ry="70" fill="${main}" stroke="${edge}" stroke-width="3"/>
<path d="M92 32 C80 76 104 124 92 168" stroke="${dark}" stroke-width="5" fill="none"/>
<path d="M56 70 q14 10 4 24 q-10 14 4 28 M128 70 q-14 10 -4 24 q10 14 -4 28" stroke="${dark}" stroke-width="3.5" fill="none"/>
<path d="M140 182 C126 150 142 118 170 108 C186 136 172 168 140 182 Z" fill="${light}" stroke="${edge}" stroke-width="3"/>
<path d="M144 176 C148 150 156 130 168 114" stroke="${dark}" stroke-width="2.5" fill="none"/>`;
    case 'cake':
      return `<ellipse cx="100" cy="126" rx="76" ry="42" fill="${dark}"/>
<ellipse cx="100" cy="112" rx="76" ry="42" fill="${main}" stroke="${edge}" stroke-width="3"/>
<ellipse cx="100" cy="108" rx="50" ry="24" fill="${light}"/>
<path d="M78 104 q22 -16 44 0 q-22 14 -44 0z" fill="${dark}" fill-opacity="0.6"/>
<path d="M52 96 l6 -3 M146 100 l6 3 M64 132 l6 2 M132 134 l6 -2 M100 140 l6 0" stroke="#fff" stroke-width="4" stroke-linecap="round"/>`;
    case 'jerky':
      return `<rect x="24" y="58" width="150" height="46" rx="14" fill="${main}" stroke="${edge}" stroke-width="3" transform="rotate(-12 100 80)"/>
<rect x="30" y="112" width="146" height="44" rx="14" fill="${dark}" transform="rotate(8 100 134)"/>
<path d="M44 84 q30 -16 60 -10 q30 6 56 -14 M50 138 q34 -8 64 2 q30 8 52 0" stroke="${light}" stroke-width="4" fill="none" stroke-linecap="round"/>`;
    case 'cookware':
      return `<path d="M70 28 q-10 14 0 26 q10 12 0 24 M100 22 q-10 14 0 26 q10 12 0 24 M130 28 q-10 14 0 26 q10 12 0 24" stroke="${edge}" stroke-opacity="0.5" stroke-width="4" fill="none" stroke-linecap="round"/>
<ellipse cx="88" cy="128" rx="72" ry="48" fill="${dark}"/>
<ellipse cx="88" cy="120" rx="66" ry="40" fill="${main}" stroke="${edge}" stroke-width="3"/>
<ellipse cx="76" cy="112" rx="30" ry="14" fill="#fff" fill-opacity="0.18"/>
<rect x="148" y="108" width="50" height="16" rx="8" fill="#5b3a1e" transform="rotate(-14 148 116)"/>`;
    case 'knife':
      return `<path d="M14 118 C22 74 60 62 140 62 V124 H40 C26 124 16 122 14 118 Z" fill="#d5dbe0" stroke="#7d8790" stroke-width="3"/>
<path d="M16 118 C24 124 30 124 40 124 H140" stroke="#f4f6f8" stroke-width="4" fill="none"/>
<rect x="140" y="78" width="54" height="32" rx="10" fill="${main}" stroke="${edge}" stroke-width="3"/>
<circle cx="156" cy="94" r="4" fill="#e8e8e8"/><circle cx="176" cy="94" r="4" fill="#e8e8e8"/>
<rect x="136" y="70" width="8" height="48" rx="3" fill="#7d8790"/>
<path d="M40 150 h120" stroke="${edge}" stroke-opacity="0.3" stroke-width="6" stroke-linecap="round"/>`;
    case 'board':
      return `<rect x="22" y="48" width="156" height="120" rx="20" fill="${main}" stroke="${edge}" stroke-width="3"/>
<circle cx="156" cy="70" r="9" fill="#fff" fill-opacity="0.85" stroke="${edge}" stroke-width="3"/>
<path d="M36 84 q40 -10 80 0 t50 0 M36 112 q50 12 100 0 t32 0 M36 140 q44 -10 90 0 t40 0" stroke="${dark}" stroke-opacity="0.45" stroke-width="3" fill="none"/>
<circle cx="70" cy="128" r="16" fill="#f28c28"/><circle cx="70" cy="128" r="10" fill="#ffd08a"/>
<circle cx="100" cy="134" r="14" fill="#7cc35a"/><circle cx="100" cy="134" r="8" fill="#c8f0a8"/>`;
  }
}

/** `text` as a path fitted into `maxWidth` at most `size` px, centred on `cx` (one outline, scaled). */
function centredText(
  outline: Outline,
  text: string,
  cx: number,
  baseline: number,
  size: number,
  maxWidth: number,
  fill: string,
): string {
  const { d, width } = outline(text, 0, 0, size);
  const k = width > maxWidth ? maxWidth / width : 1;
  return `<path transform="translate(${(cx - (width * k) / 2).toFixed(1)} ${baseline}) scale(${k.toFixed(4)})" d="${d}" fill="${fill}"/>`;
}

/** A square product image (`size`×`size`, default 360; drawn on a 480 grid). */
export function productImageSvg(input: ArtInput, motif: Motif, outline: Outline, size = 360): string {
  const c = rgb(input.color);
  const ink = luminance(c) > 0.25 ? mix(c, BLACK, 0.62) : mix(c, BLACK, 0.1);
  const chip = outline(input.categoryName, 0, 0, 24);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 480 480">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${mix(c, WHITE, 0.9)}"/><stop offset="1" stop-color="${mix(c, WHITE, 0.66)}"/></linearGradient></defs>
<rect width="480" height="480" fill="url(#bg)"/>
<circle cx="240" cy="196" r="150" fill="#fff" fill-opacity="0.5"/>
<g transform="translate(116 72) scale(1.24)">${motifSvg(motif, input.color)}</g>
<rect x="0" y="376" width="480" height="104" fill="#fff" fill-opacity="0.92"/>
${centredText(outline, input.name, 240, 444, 46, 432, ink)}
<rect x="20" y="20" width="${Math.ceil(chip.width) + 28}" height="40" rx="20" fill="${mix(c, BLACK, 0.15)}"/>
<path transform="translate(34 49)" d="${chip.d}" fill="#fff"/>
</svg>`.replace(/\n/g, '');
}

/** A portrait video cover (9:16, `width` wide, default 270; drawn on a 288×512 grid): two colours behind the motif, the name below. */
export function videoCoverSvg(
  input: ArtInput,
  motif: Motif,
  colours: readonly [string, string],
  outline: Outline,
  width = 270,
): string {
  const height = Math.round((width * 16) / 9);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 288 512">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colours[0]}"/><stop offset="1" stop-color="${colours[1]}"/></linearGradient></defs>
<rect width="288" height="512" fill="url(#bg)"/>
<circle cx="144" cy="210" r="120" fill="#fff" fill-opacity="0.35"/>
<g transform="translate(34 100) scale(1.1)">${motifSvg(motif, input.color)}</g>
<rect x="0" y="360" width="288" height="96" fill="#000" fill-opacity="0.28"/>
${centredText(outline, input.name, 144, 420, 36, 256, '#fff')}
</svg>`.replace(/\n/g, '');
}
