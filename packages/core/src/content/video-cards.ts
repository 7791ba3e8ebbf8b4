/** The VideoCard read model: a video with its creator, shop, product anchors, counters and the viewer's like/follow. */
import type { Selectable } from 'kysely';
import type { Db } from '../context.js';
import { imageUrl } from '../catalog/index.js';
import { allByList, type VideosTable } from '../storage/index.js';
import { posterUrl, videoUrl } from './media-files.js';

export type VideoRow = Selectable<VideosTable>;

export interface VideoAnchor {
  productId: string;
  title: string;
  priceFen: number;
  imageUrl: string | null;
}

export interface VideoCard {
  id: string;
  title: string;
  caption: string;
  hashtags: string[];
  status: string;
  videoUrl: string;
  posterUrl: string | null;
  durationMs: number | null;
  creator: { id: string; displayName: string; followed: boolean };
  shop: { id: string; name: string } | null;
  hostKind: 'creator' | 'shop';
  anchors: VideoAnchor[];
  stats: { views: number; likes: number; comments: number; shares: number };
  liked: boolean;
  publishedAt: number | null;
  createdAt: number;
}

/** Cards for rows, in the rows' order, with `followed`/`liked` for the viewer (false when anonymous). */
export async function videoCards(db: Db, rows: readonly VideoRow[], viewerId: string | null): Promise<VideoCard[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const ownerIds = [...new Set(rows.map((r) => r.owner_id))];
  const shopIds = [...new Set(rows.flatMap((r) => (r.shop_id ? [r.shop_id] : [])))];
  // Compiled once per list length (storage/query-shapes.ts): a page's cards make these on every page.
  const [owners, shops, anchors, liked, followed] = await Promise.all([
    allByList(db, 'cards.owners', ownerIds, (d, _v, list) =>
      d.selectFrom('users').select(['id', 'display_name']).where('id', 'in', list),
    ),
    allByList(db, 'cards.shops', shopIds, (d, _v, list) =>
      d.selectFrom('shops').select(['id', 'name']).where('id', 'in', list),
    ),
    allByList(db, 'cards.anchors', ids, (d, _v, list) =>
      d
        .selectFrom('video_anchors')
        .innerJoin('products', 'products.id', 'video_anchors.product_id')
        .select([
          'video_anchors.video_id',
          'video_anchors.product_id',
          'video_anchors.position',
          'products.title',
          'products.min_price_fen',
          'products.status',
        ])
        .where('video_anchors.video_id', 'in', list)
        .orderBy('video_anchors.video_id')
        .orderBy('video_anchors.position'),
    ),
    viewerId
      ? allByList(
          db,
          'cards.liked',
          ids,
          (d, v, list) =>
            d
              .selectFrom('video_likes')
              .select('video_id')
              .where('user_id', '=', v('viewer'))
              .where('video_id', 'in', list),
          { viewer: viewerId },
        )
      : Promise.resolve([]),
    viewerId
      ? allByList(
          db,
          'cards.followed',
          ownerIds,
          (d, v, list) =>
            d
              .selectFrom('follows')
              .select('followee_id')
              .where('follower_id', '=', v('viewer'))
              .where('followee_id', 'in', list),
          { viewer: viewerId },
        )
      : Promise.resolve([]),
  ]);
  const productIds = [...new Set(anchors.map((a) => a.product_id))];
  // In sort order; a long list is read in chunks of whole products, so each product's first image is the same.
  const images = await allByList(db, 'cards.images', productIds, (d, _v, list) =>
    d
      .selectFrom('product_images')
      .select(['product_id', 'file_name'])
      .where('product_id', 'in', list)
      .orderBy('sort')
      .orderBy('id'),
  );
  const firstImage = new Map<string, string>();
  for (const i of images) if (!firstImage.has(i.product_id)) firstImage.set(i.product_id, imageUrl(i.file_name));
  const ownerName = new Map(owners.map((o) => [o.id, o.display_name]));
  const shopName = new Map(shops.map((s) => [s.id, s.name]));
  const likedSet = new Set(liked.map((l) => l.video_id));
  const followedSet = new Set(followed.map((f) => f.followee_id));
  const anchorsOf = new Map<string, VideoAnchor[]>();
  for (const a of anchors) {
    if (a.status !== 'listed') continue; // a delisted product drops off the video
    const list = anchorsOf.get(a.video_id) ?? [];
    list.push({
      productId: a.product_id,
      title: a.title,
      priceFen: Number(a.min_price_fen),
      imageUrl: firstImage.get(a.product_id) ?? null,
    });
    anchorsOf.set(a.video_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    caption: r.caption,
    hashtags: JSON.parse(r.hashtags) as string[],
    status: r.status,
    videoUrl: videoUrl(r.file_name),
    posterUrl: posterUrl(r.poster_file),
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
    creator: { id: r.owner_id, displayName: ownerName.get(r.owner_id) ?? '', followed: followedSet.has(r.owner_id) },
    shop: r.shop_id ? { id: r.shop_id, name: shopName.get(r.shop_id) ?? '' } : null,
    hostKind: r.host_kind === 'shop' ? 'shop' : 'creator',
    anchors: anchorsOf.get(r.id) ?? [],
    stats: { views: Number(r.views), likes: Number(r.likes), comments: Number(r.comments), shares: Number(r.shares) },
    liked: likedSet.has(r.id),
    publishedAt: r.published_at === null ? null : Number(r.published_at),
    createdAt: Number(r.created_at),
  }));
}

/** Cards for video ids, in the given order; ids that do not exist are skipped (no status filter: callers choose). */
export async function videoCardsByIds(db: Db, ids: readonly string[], viewerId: string | null): Promise<VideoCard[]> {
  if (ids.length === 0) return [];
  const rows = await allByList(db, 'cards.videos', ids, (d, _v, list) =>
    d.selectFrom('videos').selectAll().where('id', 'in', list),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return videoCards(
    db,
    ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    viewerId,
  );
}
