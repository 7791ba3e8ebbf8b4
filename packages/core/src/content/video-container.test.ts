import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bufferReader, inspectVideo, mvhdDuration, sniffVideoType } from './video-container.js';
import { DEMO_CLIPS_DIR } from '../demo/index.js';

const clip = readFileSync(new URL('orchard-oranges.mp4', DEMO_CLIPS_DIR));
const inspect = (b: Buffer) => inspectVideo(bufferReader(b), b.length);

function box(type: string, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(8 + body.length);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, body]);
}

function mvhd(version: 0 | 1, timescale: number, duration: number): Buffer {
  if (version === 0) {
    const b = Buffer.alloc(100);
    b.writeUInt32BE(timescale, 12);
    b.writeUInt32BE(duration, 16);
    return box('mvhd', b);
  }
  const b = Buffer.alloc(112);
  b[0] = 1;
  b.writeUInt32BE(timescale, 20);
  b.writeBigUInt64BE(BigInt(duration), 24);
  return box('mvhd', b);
}

const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2avc1mp41', 'latin1'));

test('a real MP4 clip is recognised by its bytes, whole, with its duration from mvhd', () => {
  assert.deepEqual(sniffVideoType(clip), { type: 'video/mp4', ext: 'mp4' });
  const info = inspect(clip);
  assert.equal(info.type, 'video/mp4');
  assert.ok(info.durationMs !== null && Math.abs(info.durationMs - 6000) < 100, `duration ${info.durationMs}`);
});

test('mvhd durations of version 0 and 1 boxes; an odd box gives null', () => {
  assert.equal(mvhdDuration(mvhd(0, 1000, 7500)), 7500);
  assert.equal(mvhdDuration(Buffer.concat([box('iods', Buffer.alloc(4)), mvhd(1, 90_000, 90_000 * 12)])), 12_000);
  assert.equal(mvhdDuration(mvhd(0, 0, 10)), null);
  assert.equal(mvhdDuration(Buffer.alloc(3)), null);
  assert.equal(mvhdDuration(box('trak', Buffer.alloc(20))), null);
});

test('a cut-short MP4 is refused as VIDEO_TRUNCATED wherever it is cut', () => {
  for (const keep of [clip.length - 1, Math.floor(clip.length / 2), 100, 20, 12]) {
    assert.throws(() => inspect(clip.subarray(0, keep)), { code: 'VIDEO_TRUNCATED' }, `cut at ${keep}`);
  }
  assert.throws(
    () => inspect(Buffer.concat([ftyp, box('mdat', Buffer.alloc(64))])),
    { code: 'VIDEO_TRUNCATED' },
    'no moov box',
  );
  const lying = Buffer.concat([ftyp, box('moov', mvhd(0, 1000, 1))]);
  lying.writeUInt32BE(4, ftyp.length); // a box smaller than its own header
  assert.throws(() => inspect(lying), { code: 'VIDEO_TRUNCATED' });
  const ok = Buffer.concat([ftyp, box('moov', mvhd(0, 1000, 3000)), box('mdat', Buffer.alloc(10))]);
  assert.equal(inspect(ok).durationMs, 3000);
});

test('other files are not videos: images, text, empty, a box stream without ftyp', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  for (const b of [png, Buffer.from('hello, not a video at all'), Buffer.alloc(0), box('moov', mvhd(0, 1000, 1))]) {
    assert.equal(sniffVideoType(b), null);
    assert.throws(() => inspect(b), { code: 'UNSUPPORTED_FILE_TYPE' });
  }
});

/** An EBML element: id bytes, a 1- or 8-byte size, data. */
function el(id: number[], data: Buffer, unknownSize = false): Buffer {
  const size = unknownSize
    ? Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
    : data.length < 127
      ? Buffer.from([0x80 | data.length])
      : Buffer.from([0x01, 0, 0, 0, 0, 0, (data.length >> 8) & 0xff, data.length & 0xff]);
  return Buffer.concat([Buffer.from(id), size, data]);
}

function webm(
  docType: string,
  durationMs: number | null,
  segmentTail = Buffer.alloc(200),
  unknownSize = false,
): Buffer {
  const header = el(
    [0x1a, 0x45, 0xdf, 0xa3],
    Buffer.concat([el([0x42, 0x86], Buffer.from([1])), el([0x42, 0x82], Buffer.from(docType, 'latin1'))]),
  );
  const info: Buffer[] = [el([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40]))]; // TimecodeScale 1,000,000 ns
  if (durationMs !== null) {
    const d = Buffer.alloc(8);
    d.writeDoubleBE(durationMs);
    info.push(el([0x44, 0x89], d));
  }
  const segment = el(
    [0x18, 0x53, 0x80, 0x67],
    Buffer.concat([el([0x15, 0x49, 0xa9, 0x66], Buffer.concat(info)), el([0x1f, 0x43, 0xb6, 0x75], segmentTail)]),
    unknownSize,
  );
  return Buffer.concat([header, segment]);
}

test('WebM: recognised by its EBML header and DocType, duration from Info, cut-short segments refused', () => {
  const whole = webm('webm', 5250);
  assert.deepEqual(inspect(whole), { type: 'video/webm', ext: 'webm', durationMs: 5250 });
  assert.equal(inspect(webm('webm', null)).durationMs, null);
  assert.throws(() => inspect(whole.subarray(0, whole.length - 50)), { code: 'VIDEO_TRUNCATED' });
  assert.throws(() => inspect(whole.subarray(0, 10)), { code: 'VIDEO_TRUNCATED' });
  assert.throws(() => inspect(webm('matroska', 1000)), { code: 'UNSUPPORTED_FILE_TYPE' });
  // A live recording (MediaRecorder) has a segment of unknown size: accepted as it is.
  assert.equal(inspect(webm('webm', null, Buffer.alloc(50), true)).type, 'video/webm');
});
