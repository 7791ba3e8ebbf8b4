/**
 * What an uploaded video really is, read from its bytes (never the client's word): an MP4 (ISO
 * BMFF, `ftyp` first) or a WebM (EBML header with DocType webm). Checks that the file is whole —
 * MP4 boxes must not run past the end and a `moov` box must exist; a WebM segment of known size
 * must fit — and reads the duration (MP4 `mvhd`, WebM Info/Duration). Pure: bytes come through a
 * reader, so a 50 MB file is never loaded whole.
 */
import { DomainError } from '../platform/index.js';

/** Up to `length` bytes from `position` (fewer at the end of the file). */
export type ByteReader = (position: number, length: number) => Buffer;

export interface VideoKind {
  type: 'video/mp4' | 'video/webm';
  ext: 'mp4' | 'webm';
}

export interface VideoInspection extends VideoKind {
  durationMs: number | null;
}

const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/** The container named by the first bytes, or null (then the upload is refused with 415). */
export function sniffVideoType(head: Buffer): VideoKind | null {
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') return { type: 'video/mp4', ext: 'mp4' };
  if (head.length >= 4 && head.subarray(0, 4).equals(EBML_MAGIC)) return { type: 'video/webm', ext: 'webm' };
  return null;
}

export const unsupportedVideo = (): DomainError =>
  new DomainError('UNSUPPORTED_FILE_TYPE', 'videos must be MP4 or WebM');
const truncated = (why: string): DomainError =>
  new DomainError('VIDEO_TRUNCATED', `the video is incomplete or damaged: ${why}`, { reason: why });

/** Inspects a whole file of `size` bytes. Throws 415 UNSUPPORTED_FILE_TYPE or 400 VIDEO_TRUNCATED. */
export function inspectVideo(read: ByteReader, size: number): VideoInspection {
  const kind = sniffVideoType(read(0, 64));
  if (!kind) throw unsupportedVideo();
  return kind.ext === 'mp4'
    ? { ...kind, durationMs: inspectMp4(read, size) }
    : { ...kind, durationMs: inspectWebm(read, size) };
}

// ---------------------------------------------------------------------------------------------
// MP4 (ISO base media file format)

const MAX_TOP_BOXES = 10_000;
const MAX_MOOV_READ = 8 * 1024 * 1024;

interface Box {
  type: string;
  start: number;
  headerSize: number;
  size: number;
}

/** The box at `pos`, or a reason it cannot be one. */
function readBox(read: ByteReader, pos: number, end: number): Box | string {
  const h = read(pos, 16);
  if (h.length < 8) return 'a box header is cut short';
  let size = h.readUInt32BE(0);
  const type = h.toString('latin1', 4, 8);
  let headerSize = 8;
  if (size === 1) {
    if (h.length < 16) return 'a box header is cut short';
    size = Number(h.readBigUInt64BE(8));
    headerSize = 16;
  } else if (size === 0) {
    size = end - pos; // the last box runs to the end of the file
  }
  if (size < headerSize) return `box "${type}" has an impossible size`;
  if (pos + size > end) return `box "${type}" runs past the end of the file`;
  return { type, start: pos, headerSize, size };
}

function inspectMp4(read: ByteReader, size: number): number | null {
  let pos = 0;
  let moov: Box | null = null;
  for (let n = 0; pos < size; n++) {
    if (n >= MAX_TOP_BOXES) throw truncated('too many boxes');
    const box = readBox(read, pos, size);
    if (typeof box === 'string') throw truncated(box);
    if (n === 0 && box.type !== 'ftyp') throw unsupportedVideo();
    if (box.type === 'moov') moov = box;
    pos += box.size;
  }
  if (!moov) throw truncated('no "moov" box (the file was cut short or never finished)');
  if (moov.size > MAX_MOOV_READ) return null;
  return mvhdDuration(read(moov.start + moov.headerSize, moov.size - moov.headerSize));
}

/** The duration in ms from the `mvhd` box among the children of a `moov` box's body; null when absent or odd. */
export function mvhdDuration(moovBody: Buffer): number | null {
  let pos = 0;
  while (pos + 8 <= moovBody.length) {
    const size = moovBody.readUInt32BE(pos);
    const type = moovBody.toString('latin1', pos + 4, pos + 8);
    if (size < 8 || pos + size > moovBody.length) return null;
    if (type === 'mvhd') {
      const b = moovBody.subarray(pos + 8, pos + size);
      if (b.length < 20) return null;
      const version = b[0];
      let timescale: number;
      let duration: number;
      if (version === 1) {
        if (b.length < 32) return null;
        timescale = b.readUInt32BE(20);
        duration = Number(b.readBigUInt64BE(24));
      } else {
        timescale = b.readUInt32BE(12);
        duration = b.readUInt32BE(16);
      }
      if (timescale === 0 || duration === 0xffffffff || !Number.isFinite(duration)) return null;
      return Math.round((duration * 1000) / timescale);
    }
    pos += size;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// WebM (Matroska / EBML)

const ID_EBML = 0x1a45dfa3;
const ID_DOCTYPE = 0x4282;
const ID_SEGMENT = 0x18538067;
const ID_INFO = 0x1549a966;
const ID_TIMECODE_SCALE = 0x2ad7b1;
const ID_DURATION = 0x4489;
const ID_CLUSTER = 0x1f43b675;

interface Element {
  id: number;
  /** Where the element's data starts. */
  dataStart: number;
  /** Data length, or null for "unknown size" (live streams, MediaRecorder). */
  size: number | null;
}

/** A variable-length integer at `pos`: its length and value (`keepMarker` for element ids). */
function vint(b: Buffer, pos: number, keepMarker: boolean): { length: number; value: number; allOnes: boolean } | null {
  const first = b[pos];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (!(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || pos + length > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = b[pos + i]!;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { length, value, allOnes: allOnes && !keepMarker };
}

function readElement(b: Buffer, pos: number, base: number): Element | null {
  const id = vint(b, pos, true);
  if (!id || id.length > 4) return null;
  const size = vint(b, pos + id.length, false);
  if (!size) return null;
  return { id: id.value, dataStart: base + pos + id.length + size.length, size: size.allOnes ? null : size.value };
}

function inspectWebm(read: ByteReader, size: number): number | null {
  const head = read(0, 64 * 1024);
  const ebml = readElement(head, 0, 0);
  if (!ebml || ebml.id !== ID_EBML || ebml.size === null) throw truncated('the EBML header is damaged');
  const headerEnd = ebml.dataStart + ebml.size;
  if (headerEnd > size || headerEnd > head.length) throw truncated('the EBML header runs past the end of the file');
  let docType: string | null = null;
  for (let pos = ebml.dataStart; pos < headerEnd; ) {
    const el = readElement(head, pos, 0);
    if (!el || el.size === null) throw truncated('the EBML header is damaged');
    if (el.id === ID_DOCTYPE)
      docType = head.toString('latin1', el.dataStart, el.dataStart + el.size).replace(/\0+$/, '');
    pos = el.dataStart + el.size;
  }
  if (docType !== 'webm') throw unsupportedVideo();
  const segment = readElement(head, headerEnd, 0);
  if (!segment || segment.id !== ID_SEGMENT) throw truncated('no segment after the EBML header');
  if (segment.size !== null && segment.dataStart + segment.size > size)
    throw truncated('the segment runs past the end of the file');
  if (segment.dataStart >= size) throw truncated('the segment is empty');
  return webmDuration(
    head,
    segment.dataStart,
    segment.size === null ? head.length : Math.min(head.length, segment.dataStart + segment.size),
  );
}

/** Info/Duration × TimecodeScale in ms, looked for among the segment's first children (before the first cluster). */
function webmDuration(b: Buffer, from: number, to: number): number | null {
  for (let pos = from; pos < to; ) {
    const el = readElement(b, pos, 0);
    if (!el || el.id === ID_CLUSTER || el.size === null) return null;
    if (el.id === ID_INFO) {
      let scale = 1_000_000;
      let duration: number | null = null;
      const end = Math.min(to, el.dataStart + el.size);
      for (let p = el.dataStart; p < end; ) {
        const c = readElement(b, p, 0);
        if (!c || c.size === null || c.dataStart + c.size > b.length) return null;
        if (c.id === ID_TIMECODE_SCALE && c.size >= 1 && c.size <= 6) scale = b.readUIntBE(c.dataStart, c.size);
        if (c.id === ID_DURATION && c.size === 4) duration = b.readFloatBE(c.dataStart);
        if (c.id === ID_DURATION && c.size === 8) duration = b.readDoubleBE(c.dataStart);
        p = c.dataStart + c.size;
      }
      return duration === null || !Number.isFinite(duration) || duration < 0
        ? null
        : Math.round((duration * scale) / 1_000_000);
    }
    pos = el.dataStart + el.size;
  }
  return null;
}

/** A reader over an in-memory buffer (tests, small files). */
export const bufferReader =
  (buf: Buffer): ByteReader =>
  (position, length) =>
    buf.subarray(position, Math.min(buf.length, position + length));
