/** A minimal PNG encoder for generated demo product images (a soft two-tone gradient). */
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
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes 8-bit RGB rows (each prefixed by its PNG filter byte) as a PNG. */
export function encodeRgbPng(width: number, height: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `#rrggbb` → [r, g, b]; a warm default for anything else. */
export function parseHex(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return [200, 120, 80];
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** A size×size PNG shading from the colour to a lighter tint, with a soft round highlight. */
export function gradientPng(hex: string, size = 240): Buffer {
  const [r, g, b] = parseHex(hex);
  const raw = Buffer.alloc((size * 3 + 1) * size);
  const cx = size * 0.5;
  const cy = size * 0.45;
  const radius = size * 0.3;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * size);
      const d = Math.hypot(x - cx, y - cy);
      const light = d < radius ? 0.35 * (1 - d / radius) : 0;
      const mix = (c: number): number => Math.round(Math.min(255, c + (255 - c) * (0.55 * (1 - t) + light)));
      raw[row + 1 + x * 3] = mix(r);
      raw[row + 2 + x * 3] = mix(g);
      raw[row + 3 + x * 3] = mix(b);
    }
  }
  return encodeRgbPng(size, size, raw);
}
