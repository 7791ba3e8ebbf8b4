import { Type } from 'typebox';
import {
  EVENT_TYPES,
  FEED_DEFAULT_LIMIT,
  FEED_MAX_LIMIT,
  feedPageToJson,
  feedWithAds,
  feedWithAdsToJson,
  getPersonSettings,
  ingestEvents,
  MAX_EVENTS_PER_BATCH,
  MAX_WATCH_MS,
  myVideoPools,
  putPersonSettings,
  videoPoolView,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, jsonText, ok } from '../http/schemas.js';
import { FeedPageSchema } from './content-schemas.js';
import { VideoPoolListSchema, VideoPoolSchema } from './traffic-pool-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const EPOCH_MS_MAX = 2 ** 50; // far beyond any real date, below 2**53
const WatchMs = Type.Integer({ minimum: 0, maximum: MAX_WATCH_MS, description: 'milliseconds' });

const ClientEvent = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z_]+$', description: EVENT_TYPES.join(' | ') }),
    videoId: Type.Optional(Id('video')),
    productId: Type.Optional(Id('product')),
    watchMs: Type.Optional(WatchMs),
    durationMs: Type.Optional(WatchMs),
    at: Type.Integer({
      minimum: 0,
      maximum: EPOCH_MS_MAX,
      description: 'when it happened on the client, epoch ms: at most 5 minutes ahead, at most 7 days old',
    }),
    clientEventId: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_.:-]+$',
      description: 'unique per viewer; a resent event is counted once',
    }),
  },
  { additionalProperties: false },
);

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

const Settings = Type.Object({ personalizedRecommendation: Type.Boolean() }, { additionalProperties: false });

export function feedRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;

  r.get(
    '/api/v1/feed',
    {
      schema: {
        tags: ['feed'],
        summary:
          'Pages of short videos: recommend (personalised by the interest engine, or new / popular / followed when personalisation is off; never repeats within a feed session, with paid ads in their slots) or following',
        description:
          'The first page (no cursor) starts a new feed session; pass nextCursor for the next page. Anonymous viewers may read recommend (with x-viewer-id, their device profile personalises it); following needs sign-in. Each recommend item carries `reason`: { code, params } — followed_creator {creator}, because_you_liked {videoId, title}, popular_in_category {category}, tag_interest {tag}, similar_taste, trending, new, popular, more, explore {category} (探索: a slot of the page given to a category the viewer was shown little of lately). An ad item carries `ad`: { impressionId, campaignId, label: "广告" } instead; report it to /api/v1/ads/impressions when seen.',
        headers: ViewerHeader,
        querystring: Type.Object(
          {
            tab: Type.Optional(
              Type.Union([Type.Literal('recommend'), Type.Literal('following')], { default: 'recommend' }),
            ),
            cursor: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 1024,
                pattern: '^[A-Za-z0-9_.-]+$',
                description: 'opaque; from nextCursor',
              }),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: FEED_MAX_LIMIT, default: FEED_DEFAULT_LIMIT })),
          },
          { additionalProperties: false },
        ),
        response: ok(FeedPageSchema, 400, 401),
      },
    },
    async (req, reply) => {
      const viewerId = req.headers['x-viewer-id'];
      const page = await feedWithAds(ctx, req.auth?.actor.userId ?? null, {
        ...req.query,
        viewerId: typeof viewerId === 'string' ? viewerId : null,
      });
      return reply
        .type('application/json; charset=utf-8')
        .send(jsonText(FeedPageSchema, page.ads.some(Boolean) ? feedWithAdsToJson(page) : feedPageToJson(page)));
    },
  );

  r.post(
    '/api/v1/events',
    {
      schema: {
        tags: ['feed'],
        summary:
          'Report what the viewer saw and did (impressions, watch progress, completions, product taps, likes, shares, follows, not interested)',
        description:
          'Stored append-only, then learnt by the interest engine at once (the next feed page reflects them). The sender is the signed-in person, or an anonymous viewer identified by x-viewer-id; events repeating a clientEventId are ignored.',
        headers: ViewerHeader,
        body: Type.Object(
          { events: Type.Array(ClientEvent, { minItems: 1, maxItems: MAX_EVENTS_PER_BATCH }) },
          { additionalProperties: false },
        ),
        response: answers(
          202,
          Type.Object({
            accepted: Type.Integer(),
            duplicates: Type.Integer({ description: 'events whose clientEventId was seen before' }),
          }),
          400,
          401,
        ),
      },
    },
    async (req, reply) => {
      const viewerId = req.headers['x-viewer-id'];
      const result = await ingestEvents(
        ctx,
        { userId: req.auth?.actor.userId ?? null, viewerId: typeof viewerId === 'string' ? viewerId : null },
        req.body.events,
      );
      return reply.status(202).send(result);
    },
  );

  r.get(
    '/api/v1/me/settings',
    {
      schema: {
        tags: ['feed'],
        summary: 'My preferences (personalised recommendation is on by default)',
        response: ok(Settings, 401),
      },
    },
    async (req) => getPersonSettings(ctx.db, actorOf(req).userId),
  );

  r.put(
    '/api/v1/me/settings',
    {
      schema: {
        tags: ['feed'],
        summary: 'Change my preferences; takes effect on the next request',
        body: Settings,
        response: ok(Settings, 400, 401),
      },
    },
    async (req) => putPersonSettings(ctx, actorOf(req), req.body),
  );

  r.get(
    '/api/v1/me/videos/:videoId/pool',
    {
      schema: {
        tags: ['feed'],
        summary:
          'Creator console: the traffic pools (流量池) one of my videos went through, and why it stopped climbing',
        description:
          'Each step has the rates (completion, like, comment, share, product tap per impression) and the thresholds they were compared with; `shortfalls` names the rates that fell short.',
        params: Type.Object({ videoId: Id('video') }),
        response: ok(VideoPoolSchema, 400, 401, 404),
      },
    },
    async (req) => videoPoolView(ctx.db, actorOf(req), req.params.videoId),
  );

  r.get(
    '/api/v1/me/video-pools',
    {
      schema: {
        tags: ['feed'],
        summary: 'Creator console: the pool reached by each of several of my videos (others are left out)',
        querystring: Type.Object(
          {
            ids: Type.String({
              minLength: 1,
              maxLength: 3100,
              pattern: '^vid_[0-9a-z]+(,vid_[0-9a-z]+)*$',
              description: 'comma-separated video ids, at most 100',
            }),
          },
          { additionalProperties: false },
        ),
        response: ok(VideoPoolListSchema, 400, 401),
      },
    },
    async (req) => ({ items: await myVideoPools(ctx.db, actorOf(req), req.query.ids.split(',')) }),
  );
}
