/** Response schemas of videos, comments and profiles (the feed, search and creator pages reuse the video card). */
import { Type } from 'typebox';
import {
  RULE_CODES,
  SEVERITIES,
  TERM_CLASSES,
  type CommentView,
  type CreatorVideo,
  type FieldHit,
  type Profile,
  type VideoCard,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const VideoCardSchema = describe<VideoCard>()(
  Type.Object({
    id: Type.String(),
    title: Type.String(),
    caption: Type.String(),
    hashtags: Type.Array(Type.String()),
    status: Type.String(),
    videoUrl: Type.String(),
    posterUrl: Nullable(Type.String()),
    durationMs: Nullable(Type.Integer()),
    creator: Type.Object({ id: Type.String(), displayName: Type.String(), followed: Type.Boolean() }),
    shop: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    hostKind: OneOf(['creator', 'shop'] as const),
    anchors: Type.Array(
      Type.Object({
        productId: Type.String(),
        title: Type.String(),
        priceFen: Type.Integer(),
        imageUrl: Nullable(Type.String()),
      }),
    ),
    stats: Type.Object({
      views: Type.Integer(),
      likes: Type.Integer(),
      comments: Type.Integer(),
      shares: Type.Integer(),
    }),
    liked: Type.Boolean(),
    publishedAt: Nullable(Type.Integer()),
    createdAt: Type.Integer(),
  }),
);

export const FieldHitSchema = describe<FieldHit>()(
  Type.Object({
    field: Type.String(),
    termId: Type.String(),
    term: Type.String(),
    class: OneOf(TERM_CLASSES as readonly FieldHit['class'][]),
    severity: OneOf(SEVERITIES as readonly FieldHit['severity'][]),
    rule: OneOf(RULE_CODES as readonly FieldHit['rule'][]),
    ruleText: Type.Object({ zh: Type.String(), en: Type.String() }),
    start: Type.Integer(),
    end: Type.Integer(),
    matched: Type.String(),
  }),
);

/** A saved or published video with the rule book's warnings about its text. */
export const VideoWithWarningsSchema = describe<VideoCard & { warnings: FieldHit[] }>()(
  Type.Object({ ...VideoCardSchema.properties, warnings: Type.Array(FieldHitSchema) }),
);

export const CreatorVideoPageSchema = describe<{ items: CreatorVideo[]; nextCursor: string | null }>()(
  Type.Object({
    items: Type.Array(Type.Object({ ...VideoCardSchema.properties, orders: Type.Integer(), gmvFen: Type.Integer() })),
    nextCursor: Nullable(Type.String()),
  }),
);

export const VideoPageSchema = describe<{ items: VideoCard[]; nextCursor: string | null }>()(
  Type.Object({ items: Type.Array(VideoCardSchema), nextCursor: Nullable(Type.String()) }),
);

const CommentReplyProps = {
  id: Type.String(),
  text: Type.String(),
  author: Type.Object({ id: Type.String(), displayName: Type.String() }),
  createdAt: Type.Integer(),
  parentId: Nullable(Type.String()),
};

export const CommentSchema = describe<CommentView>()(
  Type.Object({
    ...CommentReplyProps,
    replies: Type.Array(Type.Object(CommentReplyProps)),
    replyCount: Type.Integer(),
  }),
);

export const CommentPageSchema = describe<{ items: CommentView[]; nextCursor: string | null }>()(
  Type.Object({ items: Type.Array(CommentSchema), nextCursor: Nullable(Type.String()) }),
);

export const ProfileSchema = describe<Profile>()(
  Type.Object({
    id: Type.String(),
    displayName: Type.String(),
    followers: Type.Integer(),
    following: Type.Integer(),
    videos: Type.Integer(),
    followed: Type.Boolean(),
    isCreator: Type.Boolean(),
  }),
);

/** A feed item: a video card (or a live room's, for a live-room ad) with why it is there, or the ad it is. */
export const FeedItemSchema = Type.Object({
  ...VideoCardSchema.properties,
  reason: Type.Optional(
    Type.Object({
      code: OneOf([
        'explore',
        'followed_creator',
        'because_you_liked',
        'popular_in_category',
        'tag_interest',
        'similar_taste',
        'trending',
        'new',
        'popular',
        'more',
      ] as const),
      params: Type.Record(Type.String(), Type.String()),
    }),
  ),
  ad: Type.Optional(
    Type.Object({
      impressionId: Type.String(),
      campaignId: Type.String(),
      label: Type.Literal('广告'),
      liveRoom: Type.Optional(
        Type.Object({ id: Type.String(), title: Type.String(), hostName: Type.String(), online: Type.Integer() }),
      ),
    }),
  ),
});

export const FeedPageSchema = Type.Object({
  items: Type.Array(FeedItemSchema),
  nextCursor: Nullable(Type.String({ description: 'pass as cursor for the next page' })),
});
