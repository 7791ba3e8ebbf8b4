/** Portrait demo posters (9:16): a diagonal two-colour gradient with soft circles and stripes, varied by a seed. Pure. */
import { encodeRgbPng, parseHex as rgb } from './png.js';

/** A width×(width·16/9) poster from two colours; `seed` places the circles and tilts the stripes. */
export function posterPng(from: string, to: string, seed: number, width = 144): Buffer {
  const height = Math.round((width * 16) / 9);
  const a = rgb(from);
  const b = rgb(to);
  let s = seed >>> 0 || 1;
  const rand = (): number => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296);
  const circles = Array.from({ length: 3 }, () => ({ x: rand() * width, y: rand() * height, r: width * (0.15 + rand() * 0.35), k: 0.15 + rand() * 0.25 })).map((c) => ({ ...c, r2: c.r * c.r }));
  const stripe = 14 + Math.floor(rand() * 20);
  const tilt = rand() < 0.5 ? 1 : -1;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const [ar, ag, ab] = a;
  const [dr, dg, db] = [b[0] - ar, b[1] - ag, b[2] - ab];
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      let light = 0;
      for (const c of circles) {
        const dx = x - c.x;
        const dy = y - c.y;
        const d2 = dx * dx + dy * dy;
        if (d2 < c.r2) light += c.k * (1 - Math.sqrt(d2) / c.r);
      }
      if (Math.floor((x + tilt * y) / stripe) % 4 === 0) light += 0.06;
      if (light > 0.8) light = 0.8;
      const o = row + 1 + x * 3;
      const r0 = ar + dr * t;
      const g0 = ag + dg * t;
      const b0 = ab + db * t;
      raw[o] = r0 + (255 - r0) * light;
      raw[o + 1] = g0 + (255 - g0) * light;
      raw[o + 2] = b0 + (255 - b0) * light;
    }
  }
  // PNG "Sub" filter: each byte minus the one a pixel to the left; smooth shading compresses far faster.
  const stride = width * 3 + 1;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 1;
    for (let i = stride - 1; i > 3; i--) raw[row + i] = (raw[row + i]! - raw[row + i - 3]!) & 0xff;
  }
  return encodeRgbPng(width, height, raw);
}
