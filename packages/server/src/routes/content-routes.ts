/** Short videos: upload (multipart, streamed to disk), publish, remove, likes, follows, comments, shares, views, profiles. */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  addComment,
  autoCoverKind,
  COMMENT_MAX,
  createVideo,
  DomainError,
  followUser,
  getVideo,
  ID_PREFIX,
  likeVideo,
  listComments,
  MAX_POSTER_BYTES,
  MAX_VIDEO_BYTES,
  myVideos,
  publishVideo,
  recordView,
  removeQuietly,
  removeVideo,
  shareVideo,
  unfollowUser,
  unlikeVideo,
  uploadsTempDir,
  userProfile,
  userVideos,
  type CreateVideoInput,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, ok, OneOf } from '../http/schemas.js';
import {
  CommentPageSchema,
  CommentSchema,
  CreatorVideoPageSchema,
  ProfileSchema,
  VideoCardSchema,
  VideoPageSchema,
  VideoWithWarningsSchema,
} from './content-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const ViewerHeader = Type.Object({
  'x-viewer-id': Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'anonymous viewer id chosen by the client',
    }),
  ),
});
const Cursor = (kind: 'video' | 'comment') =>
  Type.Optional(Type.String({ pattern: `^${ID_PREFIX[kind]}_[0-9a-z]{26}$`, description: 'from nextCursor' }));
const VideoPage = Type.Object(
  { cursor: Cursor('video'), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })) },
  { additionalProperties: false },
);

export function contentRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['content'];
  const videoParams = Type.Object({ videoId: Id('video') });
  const userParams = Type.Object({ userId: Id('user') });
  const viewer = (req: FastifyRequest) => req.auth?.actor ?? null;

  r.post(
    '/api/v1/videos',
    {
      schema: {
        tags,
        summary: 'Upload a short video (multipart/form-data)',
        description:
          `Fields: \`file\` (MP4 or WebM, sniffed from the bytes, at most ${MAX_VIDEO_BYTES} bytes), optional \`poster\` (JPEG, PNG or WebP, at most ${MAX_POSTER_BYTES} bytes; ` +
          'otherwise a frame is extracted when ffmpeg is installed), `title` (1–55 characters), `caption` (0–300; #hashtags are parsed from it), `productIds` (JSON array of up to 3 listed product ids), ' +
          '`hostKind` (creator, the default, needs the creator role; shop with `shopId` for a shop broadcasting itself), `publish` (true publishes at once; otherwise a draft). ' +
          'Title and caption pass the rule book: review and warn hits come back in `warnings`. ' +
          'Errors: 400 (MALFORMED_MULTIPART, VIDEO_TRUNCATED, VALIDATION_FAILED, FILE_REQUIRED), 401, 403, 404, 409 PRODUCT_UNAVAILABLE, 413 FILE_TOO_LARGE, 415 UNSUPPORTED_FILE_TYPE / UNSUPPORTED_MEDIA_TYPE, 422 CONTENT_REJECTED (details.hits; nothing stored).',
        consumes: ['multipart/form-data'],
        response: answers(201, VideoWithWarningsSchema, 400, 401, 403, 404, 409, 413, 415, 422),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readVideoUpload(req, uploadsTempDir(ctx.dataDir));
      try {
        const video = await createVideo(ctx, actor, upload);
        if (video.status === 'review') deps.kickWorker(); // the hold reaches the review queue
        return reply.status(201).send(video);
      } finally {
        await removeQuietly(upload.filePath); // already moved on success
      }
    },
  );

  r.get(
    '/api/v1/videos/:videoId',
    {
      schema: {
        tags,
        summary: 'A video (published ones for everyone; the owner sees drafts)',
        params: videoParams,
        response: ok(VideoCardSchema, 400, 404),
      },
    },
    async (req) => getVideo(ctx.db, req.params.videoId, viewer(req)),
  );

  r.post(
    '/api/v1/videos/:videoId/publish',
    {
      schema: {
        tags,
        summary:
          'Publish my video: draft (or rejected) → review → published when the rule book finds the text clean; a term of severity review keeps it in review for the queue (内容审核)',
        description:
          'Errors: 400, 401, 404, 409 INVALID_TRANSITION, 422 CONTENT_REJECTED (the text breaks a reject-severity rule; nothing changes).',
        params: videoParams,
        response: ok(VideoWithWarningsSchema, 400, 401, 404, 409, 422),
      },
    },
    async (req) => {
      const video = await publishVideo(ctx, actorOf(req), req.params.videoId);
      if (video.status === 'review') deps.kickWorker(); // the hold reaches the review queue
      return video;
    },
  );

  r.post(
    '/api/v1/videos/:videoId/remove',
    {
      schema: {
        tags,
        summary: 'Take a video down (its owner or an admin)',
        params: videoParams,
        response: ok(Type.Object({ id: Type.String(), status: Type.Literal('removed') }), 400, 401, 404, 409),
      },
    },
    async (req) => removeVideo(ctx, actorOf(req), req.params.videoId),
  );

  r.post(
    '/api/v1/videos/:videoId/like',
    {
      schema: {
        tags,
        summary: 'Like a video (idempotent)',
        params: videoParams,
        response: ok(Type.Object({ liked: Type.Literal(true), likes: Type.Integer() }), 400, 401, 404),
      },
    },
    async (req) => likeVideo(ctx, actorOf(req), req.params.videoId),
  );
  r.delete(
    '/api/v1/videos/:videoId/like',
    {
      schema: {
        tags,
        summary: 'Take my like back (idempotent)',
        params: videoParams,
        response: ok(Type.Object({ liked: Type.Literal(false), likes: Type.Integer() }), 400, 401, 404),
      },
    },
    async (req) => unlikeVideo(ctx, actorOf(req), req.params.videoId),
  );

  r.post(
    '/api/v1/users/:userId/follow',
    {
      schema: {
        tags,
        summary: 'Follow a person (idempotent)',
        params: userParams,
        response: ok(Type.Object({ followed: Type.Literal(true), followers: Type.Integer() }), 400, 401, 404, 409),
      },
    },
    async (req) => followUser(ctx, actorOf(req), req.params.userId),
  );
  r.delete(
    '/api/v1/users/:userId/follow',
    {
      schema: {
        tags,
        summary: 'Unfollow a person (idempotent)',
        params: userParams,
        response: ok(Type.Object({ followed: Type.Literal(false), followers: Type.Integer() }), 400, 401, 404, 409),
      },
    },
    async (req) => unfollowUser(ctx, actorOf(req), req.params.userId),
  );

  r.get(
    '/api/v1/videos/:videoId/comments',
    {
      schema: {
        tags,
        summary: 'Top comments, newest first, each with its first replies',
        params: videoParams,
        querystring: Type.Object(
          { cursor: Cursor('comment'), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })) },
          { additionalProperties: false },
        ),
        response: ok(CommentPageSchema, 400, 404),
      },
    },
    async (req) =>
      listComments(ctx.db, req.params.videoId, viewer(req), { cursor: req.query.cursor, limit: req.query.limit ?? 20 }),
  );

  r.post(
    '/api/v1/videos/:videoId/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a video, or reply to a comment (one level: a reply to a reply attaches to its parent)',
        params: videoParams,
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: COMMENT_MAX }), parentId: Type.Optional(Id('comment')) },
          { additionalProperties: false },
        ),
        response: answers(201, CommentSchema, 400, 401, 404, 422),
      },
    },
    async (req, reply) => reply.status(201).send(await addComment(ctx, actorOf(req), req.params.videoId, req.body)),
  );

  r.post(
    '/api/v1/videos/:videoId/shares',
    {
      schema: {
        tags,
        summary: 'Share a video: a link that opens it in the feed',
        params: videoParams,
        response: answers(201, Type.Object({ shareUrl: Type.String(), shares: Type.Integer() }), 400, 404),
      },
    },
    async (req, reply) => reply.status(201).send(await shareVideo(ctx, viewer(req), req.params.videoId)),
  );

  r.post(
    '/api/v1/videos/:videoId/views',
    {
      schema: {
        tags,
        summary: 'Count a view (at most once per viewer per video per 30 minutes)',
        description:
          'Signed-in viewers are counted by person; anonymous ones by x-viewer-id, or not at all without it.',
        params: videoParams,
        headers: ViewerHeader,
        response: ok(Type.Object({ views: Type.Integer() }), 400, 404),
      },
    },
    async (req) => {
      const anonymous = req.headers['x-viewer-id'];
      const { views } = await recordView(
        ctx,
        viewer(req),
        req.params.videoId,
        typeof anonymous === 'string' ? anonymous : null,
      );
      return { views };
    },
  );

  r.get(
    '/api/v1/users/:userId/profile',
    {
      schema: {
        tags,
        summary: 'A person’s public profile: followers, following, videos',
        params: userParams,
        response: ok(ProfileSchema, 400, 404),
      },
    },
    async (req) => userProfile(ctx.db, req.params.userId, viewer(req)),
  );

  r.get(
    '/api/v1/users/:userId/videos',
    {
      schema: {
        tags,
        summary: 'A person’s published videos, newest first (all of mine when it is me)',
        params: userParams,
        querystring: VideoPage,
        response: ok(VideoPageSchema, 400, 404),
      },
    },
    async (req) =>
      userVideos(ctx.db, req.params.userId, viewer(req), { cursor: req.query.cursor, limit: req.query.limit ?? 20 }),
  );

  r.get(
    '/api/v1/me/videos',
    {
      schema: {
        tags,
        summary: 'Creator console: my videos with views, likes and the paid orders and GMV attributed to each',
        querystring: VideoPage,
        response: ok(CreatorVideoPageSchema, 400, 401),
      },
    },
    async (req) => myVideos(ctx.db, actorOf(req), { cursor: req.query.cursor, limit: req.query.limit ?? 20 }),
  );

  r.get(
    '/api/v1/me/videos/auto-cover',
    {
      schema: {
        tags,
        summary: 'Creator console: the cover an upload without a poster gets on this server',
        description:
          '`frame`: a frame of the video (ffmpeg is installed); `title_card`: a card with the title and the author’s name.',
        response: ok(Type.Object({ kind: OneOf(['frame', 'title_card'] as const) }), 401),
      },
    },
    async (req) => {
      actorOf(req);
      return { kind: await autoCoverKind() };
    },
  );
}

// ---------------------------------------------------------------------------------------------
// The upload: fields and files of a multipart body, the video streamed to a temp file.

const TEXT_FIELDS = new Set(['title', 'caption', 'productIds', 'hostKind', 'shopId', 'publish']);
const FIELD_MAX_BYTES = 4096;
const PRODUCT_ID = new RegExp(`^${ID_PREFIX.product}_[0-9a-z]{26}$`);
const SHOP_ID = new RegExp(`^${ID_PREFIX.shop}_[0-9a-z]{26}$`);

const badField = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `invalid field ${field}: ${message}`, {
    part: 'body',
    issues: [{ path: `/${field}`, message }],
  });

/** Drains a part's stream keeping at most `max` bytes; null when it was longer. */
async function readCapped(stream: NodeJS.ReadableStream, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return size <= max ? Buffer.concat(chunks) : null;
}

async function readVideoUpload(req: FastifyRequest, tempDir: string): Promise<CreateVideoInput> {
  if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'send the video as multipart/form-data');
  await mkdir(tempDir, { recursive: true });
  const fields = new Map<string, string>();
  let filePath: string | null = null;
  let sink: WriteStream | null = null;
  let poster: Buffer | null = null;
  try {
    for await (const part of req.parts({
      limits: { fileSize: MAX_VIDEO_BYTES, files: 2, fields: 10, parts: 12, fieldSize: FIELD_MAX_BYTES },
    })) {
      if (part.type === 'file') {
        if (part.fieldname === 'file' && filePath === null) {
          filePath = join(tempDir, randomUUID());
          sink = createWriteStream(filePath);
          await pipeline(part.file, sink);
          if (part.file.truncated)
            throw new DomainError('FILE_TOO_LARGE', `videos are at most ${MAX_VIDEO_BYTES} bytes`, {
              limit: MAX_VIDEO_BYTES,
            });
        } else if (part.fieldname === 'poster' && poster === null) {
          poster = await readCapped(part.file, MAX_POSTER_BYTES);
          if (poster === null)
            throw new DomainError('FILE_TOO_LARGE', `posters are at most ${MAX_POSTER_BYTES} bytes`, {
              limit: MAX_POSTER_BYTES,
              field: 'poster',
            });
        } else {
          part.file.resume();
          throw badField(part.fieldname, 'expected one "file" and at most one "poster"');
        }
      } else {
        const value = String(part.value);
        if (!TEXT_FIELDS.has(part.fieldname)) throw badField(part.fieldname, 'unknown field');
        if (part.valueTruncated) throw badField(part.fieldname, 'too long');
        if (fields.has(part.fieldname)) throw badField(part.fieldname, 'sent twice');
        if (value.includes('\u0000')) throw badField(part.fieldname, 'must not contain NUL characters');
        fields.set(part.fieldname, value);
      }
    }
  } catch (err) {
    // A body that breaks off mid-file fails the pipeline while the temp file may still be opening:
    // it is removed once its stream has closed, or the file created by that open would be left.
    if (sink && !sink.closed) await once(sink, 'close', { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (filePath) await removeQuietly(filePath);
    if (err instanceof DomainError) throw err;
    const e = err as { code?: unknown; statusCode?: unknown };
    if (
      typeof e.code === 'string' &&
      e.code.startsWith('FST_') &&
      typeof e.statusCode === 'number' &&
      e.statusCode < 500
    )
      throw err;
    throw new DomainError('MALFORMED_MULTIPART', 'the multipart/form-data body cannot be read');
  }
  try {
    if (!filePath) throw new DomainError('FILE_REQUIRED', 'the multipart body has no "file" part');
    return { filePath, poster, ...parseFields(fields) };
  } catch (err) {
    if (filePath) await removeQuietly(filePath);
    throw err;
  }
}

function parseFields(fields: Map<string, string>): Omit<CreateVideoInput, 'filePath' | 'poster'> {
  const title = fields.get('title');
  if (title === undefined) throw badField('title', 'required');
  let productIds: string[] = [];
  const rawIds = fields.get('productIds');
  if (rawIds !== undefined && rawIds.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawIds);
    } catch {
      throw badField('productIds', 'must be a JSON array of product ids');
    }
    if (!Array.isArray(parsed) || !parsed.every((id) => typeof id === 'string' && PRODUCT_ID.test(id)))
      throw badField('productIds', 'must be a JSON array of product ids');
    productIds = parsed as string[];
  }
  const hostKind = fields.get('hostKind') ?? 'creator';
  if (hostKind !== 'creator' && hostKind !== 'shop') throw badField('hostKind', 'must be creator or shop');
  const shopId = fields.get('shopId');
  if (shopId !== undefined && !SHOP_ID.test(shopId)) throw badField('shopId', 'must be a shop id');
  const publish = fields.get('publish');
  if (publish !== undefined && publish !== 'true' && publish !== 'false')
    throw badField('publish', 'must be true or false');
  return {
    title,
    caption: fields.get('caption') ?? '',
    productIds,
    hostKind,
    shopId: shopId ?? null,
    publish: publish === 'true',
  };
}
