/** Portrait demo posters (9:16): a diagonal two-colour gradient with soft circles and stripes, varied by a seed. Pure. */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes 8-bit RGB rows (each prefixed by its PNG filter byte) as a PNG. */
export function encodeRgbPng(width: number, height: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}

function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : [230, 120, 60];
}

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
