/**
 * What the interest engine knows of each published video (creator, category of its first
 * anchored product, hashtags, price, shop), read in batches: by publication time for the
 * start-up load, by ids for videos published since.
 */
import type { ItemMeta } from '@zhongcao/recsys';
import type { Db } from '../context.js';

const CHUNK = 500;

interface VideoRow {
  id: string;
  title: string;
  owner_id: string;
  hashtags: string;
  published_at: number | null;
}

async function metasOf(db: Db, rows: readonly VideoRow[]): Promise<ItemMeta[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const owners = [...new Set(rows.map((r) => r.owner_id))];
  const [users, anchors] = await Promise.all([
    db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', owners).execute(),
    db
      .selectFrom('video_anchors')
      .innerJoin('products', 'products.id', 'video_anchors.product_id')
      .leftJoin('categories', 'categories.id', 'products.category_id')
      .select([
        'video_anchors.video_id',
        'video_anchors.product_id',
        'video_anchors.position',
        'products.shop_id',
        'products.category_id',
        'products.min_price_fen',
        'categories.name as category_name',
      ])
      .where('video_anchors.video_id', 'in', ids)
      .orderBy('video_anchors.video_id')
      .orderBy('video_anchors.position')
      .execute(),
  ]);
  const names = new Map(users.map((u) => [u.id, u.display_name]));
  const byVideo = new Map<string, typeof anchors>();
  for (const a of anchors) {
    const list = byVideo.get(a.video_id) ?? [];
    list.push(a);
    byVideo.set(a.video_id, list);
  }
  return rows.map((r) => {
    const a = byVideo.get(r.id) ?? [];
    const first = a[0];
    let tags: string[] = [];
    try {
      const parsed: unknown = JSON.parse(r.hashtags);
      if (Array.isArray(parsed)) tags = parsed.filter((t): t is string => typeof t === 'string').slice(0, 5);
    } catch {
      tags = [];
    }
    return {
      id: r.id,
      title: r.title,
      creatorId: r.owner_id,
      creatorName: names.get(r.owner_id) ?? '',
      categoryId: first?.category_id ?? null,
      categoryName: first?.category_name ?? null,
      tags,
      priceFen: first ? Number(first.min_price_fen) : null,
      shopId: first?.shop_id ?? null,
      productIds: a.map((x) => x.product_id),
      publishedAt: Number(r.published_at ?? 0),
    };
  });
}

const COLUMNS = ['id', 'title', 'owner_id', 'hashtags', 'published_at'] as const;

/** Published videos by ids (any order; missing or unpublished ones are left out). */
export async function videoMetasByIds(db: Db, ids: readonly string[]): Promise<ItemMeta[]> {
  const out: ItemMeta[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('videos')
      .select(COLUMNS)
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .where('status', '=', 'published')
      .execute();
    out.push(...(await metasOf(db, rows)));
  }
  return out;
}

/** Published videos since `since`, oldest first, at most `max`, in chunks (`each` per chunk). */
export async function forEachVideoMetaSince(
  db: Db,
  since: number,
  max: number,
  each: (metas: ItemMeta[]) => void,
): Promise<number> {
  let after: { at: number; id: string } | null = null;
  let seen = 0;
  while (seen < max) {
    let q = db
      .selectFrom('videos')
      .select(COLUMNS)
      .where('status', '=', 'published')
      .where('published_at', '>=', since);
    if (after) {
      const { at, id } = after;
      q = q.where((eb) =>
        eb.or([eb('published_at', '>', at), eb.and([eb('published_at', '=', at), eb('id', '>', id)])]),
      );
    }
    const rows = await q
      .orderBy('published_at')
      .orderBy('id')
      .limit(Math.min(CHUNK, max - seen))
      .execute();
    if (rows.length === 0) break;
    each(await metasOf(db, rows));
    seen += rows.length;
    const last = rows[rows.length - 1]!;
    after = { at: Number(last.published_at), id: last.id };
  }
  return seen;
}
