/**
 * Where video files and posters live (`<data>/media/videos/`, `<data>/media/posters/`, served by
 * the /media static route with range requests), how an upload is checked and moved there, and
 * poster extraction with ffmpeg when it is installed (optional: without it a video has no poster
 * unless one is uploaded).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { copyFile, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mediaDir, sniffImageType } from '../catalog/index.js';
import { DomainError } from '../platform/index.js';
import { inspectVideo, type VideoInspection } from './video-container.js';

export const MAX_VIDEO_BYTES = 50 * 1024 * 1024;
export const MAX_POSTER_BYTES = 5 * 1024 * 1024;
const POSTER_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const FFMPEG_TIMEOUT_MS = 15_000;

export const videosDir = (dataDir: string): string => join(mediaDir(dataDir), 'videos');
export const postersDir = (dataDir: string): string => join(mediaDir(dataDir), 'posters');
/** Uploads are streamed here first (same disk as the media folder, so the final move is a rename; not served). */
export const uploadsTempDir = (dataDir: string): string => join(dataDir, 'tmp', 'uploads');

export const videoUrl = (fileName: string): string => `/media/videos/${fileName}`;
export const posterUrl = (fileName: string | null): string | null => (fileName ? `/media/posters/${fileName}` : null);

/** Reads the container of a file on disk without loading it whole. */
export async function inspectVideoFile(path: string): Promise<VideoInspection & { bytes: number }> {
  const { size } = await stat(path);
  if (size === 0) throw new DomainError('UNSUPPORTED_FILE_TYPE', 'the file is empty');
  if (size > MAX_VIDEO_BYTES)
    throw new DomainError('FILE_TOO_LARGE', `videos are at most ${MAX_VIDEO_BYTES} bytes`, { limit: MAX_VIDEO_BYTES });
  const fd = openSync(path, 'r');
  try {
    const read = (position: number, length: number): Buffer => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      const n = buf.length ? readSync(fd, buf, 0, buf.length, position) : 0;
      return buf.subarray(0, n);
    };
    return { ...inspectVideo(read, size), bytes: size };
  } finally {
    closeSync(fd);
  }
}

/** Checks an uploaded poster image: JPEG, PNG or WebP, at most MAX_POSTER_BYTES. */
export function checkPoster(bytes: Buffer): { ext: string } {
  if (bytes.length > MAX_POSTER_BYTES)
    throw new DomainError('FILE_TOO_LARGE', `posters are at most ${MAX_POSTER_BYTES} bytes`, {
      limit: MAX_POSTER_BYTES,
      field: 'poster',
    });
  const kind = sniffImageType(bytes);
  if (!kind || !POSTER_TYPES.has(kind.type))
    throw new DomainError('UNSUPPORTED_FILE_TYPE', 'posters must be JPEG, PNG or WebP', { field: 'poster' });
  return { ext: kind.ext };
}

/** Moves a checked upload into the videos folder (copy when the temp file is on another disk). */
export async function moveIntoVideos(dataDir: string, from: string, fileName: string): Promise<string> {
  await mkdir(videosDir(dataDir), { recursive: true });
  const to = join(videosDir(dataDir), fileName);
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(from, to);
    await unlink(from);
  }
  return to;
}

export async function writePoster(dataDir: string, fileName: string, bytes: Buffer): Promise<void> {
  await mkdir(postersDir(dataDir), { recursive: true });
  await writeFile(join(postersDir(dataDir), fileName), bytes);
}

/**
 * Extracts one frame (at 0.5 s, or the first) as a JPEG poster with ffmpeg. Resolves false when
 * ffmpeg is not installed, fails or takes longer than the timeout; never throws.
 */
export async function extractPoster(
  dataDir: string,
  videoPath: string,
  fileName: string,
  timeoutMs = FFMPEG_TIMEOUT_MS,
): Promise<boolean> {
  await mkdir(postersDir(dataDir), { recursive: true });
  const out = join(postersDir(dataDir), fileName);
  const ok = await runFfmpeg(
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-ss',
      '0.5',
      '-i',
      videoPath,
      '-frames:v',
      '1',
      '-vf',
      'scale=540:-2',
      '-q:v',
      '4',
      out,
    ],
    timeoutMs,
  );
  if (!ok) {
    await unlink(out).catch(() => {});
    return false;
  }
  const s = await stat(out).catch(() => null);
  return Boolean(s && s.size > 0);
}

/** Runs ffmpeg with a deadline; true when it exits 0, false when it fails, is missing or runs too long. */
function runFfmpeg(args: string[], timeoutMs: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn('ffmpeg', args, { stdio: 'ignore' });
    } catch {
      resolve(false);
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

/** What a video gets as its cover when none is uploaded: a frame of it (ffmpeg) or a title card. */
export type AutoCoverKind = 'frame' | 'title_card';

/** Whether ffmpeg runs on this server (then uploads without a poster get a frame of the video). */
export async function autoCoverKind(timeoutMs = 5_000): Promise<AutoCoverKind> {
  const ok = await runFfmpeg(['-hide_banner', '-version'], timeoutMs);
  return ok ? 'frame' : 'title_card';
}

export async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => {});
}
