/**
 * Demo short videos with product anchors, follows, likes, comments and shares. Twelve creators
 * (plus `demo-creator`) and the six shop owners (店播) post; a handful of real clips are copied
 * once into the media folder and shared by every video; each video's cover shows its first
 * product (a drawn motif and the product's name, one cover per product and clip). Rows
 * go in with batched multi-row INSERTs so `seed --demo --videos 100000` stays well under a minute:
 * the newest few hundred videos get like/view/comment/share rows, older ones only counters.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import type { Actor, CoreContext, Tx } from '../context.js';
import { type ManualClock, newId, mulberry32 } from '../platform/index.js';
import { loadActor, register, hashPassword } from '../accounts/index.js';
import {
  insertRows,
  type CommentsTable,
  type VideoAnchorsTable,
  type VideoLikesTable,
  type VideoSharesTable,
  type VideosTable,
  type VideoViewsTable,
} from '../storage/index.js';
import { indexVideos } from '../search/index.js';
import { inspectVideoFile, videosDir, writePoster, parseHashtags } from '../content/index.js';
import { clipForCategory, DEMO_CLIPS, DEMO_CLIPS_DIR, type DemoClip } from './demo-clips.js';
import { COMMENTS, DEMO_CREATORS, REPLIES } from './content-words.js';
import { demoVideoText, shortName } from './video-text.js';
import { videoCoverPng } from './demo-pictures.js';
import { MOTIF_OF_KIND, type ArtInput } from './product-art.js';
import { buildDemoCatalog } from './catalog.js';
import { DEMO_PASSWORD } from './seed.js';

export interface DemoContentInput {
  ctx: CoreContext;
  clock: ManualClock;
  people: Map<string, Actor>;
  /** Listed products, for anchors. */
  listedProductIds: string[];
  /** How many demo videos to create (default a few hundred; `seed --demo --videos N` scales it). */
  videos: number;
  progress: (stage: string, done: number, total: number) => void;
}

const DAY = 24 * 3600 * 1000;
const SPAN_MS = 20 * DAY;
/** The newest videos that get real like/view/comment/share rows. */
const DETAILED = 400;
const CHUNK = 2000;

interface DemoProductRow {
  id: string;
  title: string;
  shopId: string;
  leaf: string;
  parent: string | null;
}

async function insertChunked<
  T extends 'videos' | 'video_anchors' | 'video_likes' | 'video_views' | 'comments' | 'video_shares',
>(
  tx: Tx,
  table: T,
  rows: ReadonlyArray<Insertable<import('../storage/index.js').Database[T]>>,
  per: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += per) await insertRows(tx, table, rows.slice(i, i + per));
}

export async function seedDemoContent(input: DemoContentInput): Promise<void> {
  const { ctx, clock, people, listedProductIds, videos: total, progress } = input;
  const rand = mulberry32(0x5eed_c0de);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const start = clock.now();

  // Creators.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const creators: Actor[] = [];
  for (const c of DEMO_CREATORS) {
    const existing = people.get(c.login);
    if (existing) creators.push(existing);
    else {
      const user = await register(
        ctx,
        { login: c.login, password: DEMO_PASSWORD, displayName: c.displayName, roles: ['creator'] },
        passwordHash,
      );
      const actor = await loadActor(ctx.db, user.id);
      people.set(c.login, actor);
      creators.push(actor);
    }
  }
  const demoCreator = people.get('demo-creator') ?? creators[0]!;
  progress('creators', creators.length, creators.length);
  if (total <= 0 || listedProductIds.length === 0) return;

  // Products to anchor, by shop and by category.
  const rows = await ctx.db
    .selectFrom('products')
    .innerJoin('categories as leaf', 'leaf.id', 'products.category_id')
    .leftJoin('categories as parent', 'parent.id', 'leaf.parent_id')
    .select(['products.id', 'products.title', 'products.shop_id', 'leaf.name as leaf', 'parent.name as parent'])
    .where('products.id', 'in', listedProductIds)
    .where('products.status', '=', 'listed')
    .orderBy('products.id')
    .execute();
  const products: DemoProductRow[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    shopId: r.shop_id,
    leaf: r.leaf,
    parent: r.parent,
  }));
  if (products.length === 0) return;
  const byLeaf = new Map<string, DemoProductRow[]>();
  const byShop = new Map<string, DemoProductRow[]>();
  for (const p of products) {
    byLeaf.set(p.leaf, [...(byLeaf.get(p.leaf) ?? []), p]);
    byShop.set(p.shopId, [...(byShop.get(p.shopId) ?? []), p]);
  }
  const shopOwners = [...byShop.keys()].flatMap((shopId) => {
    const owner = [...people.values()].find((a) => a.shops.get(shopId) === 'owner');
    return owner ? [{ shopId, owner }] : [];
  });

  // Clips: one copy each in the media folder; posters: a few variants per clip.
  await mkdir(videosDir(ctx.dataDir), { recursive: true });
  const clipFiles = new Map<DemoClip, { fileName: string; bytes: number; durationMs: number | null }>();
  for (const clip of DEMO_CLIPS) {
    const fileName = `demo-${clip.file}`;
    const to = join(videosDir(ctx.dataDir), fileName);
    await copyFile(new URL(clip.file, DEMO_CLIPS_DIR), to);
    const info = await inspectVideoFile(to);
    clipFiles.set(clip, { fileName, bytes: info.bytes, durationMs: info.durationMs });
  }
  // Covers: the demo catalog says how each product is drawn (its name and colour); a product from
  // elsewhere is drawn by its title's first words in its clip's colours.
  const drawn = new Map(buildDemoCatalog().products.map((p) => [p.title, p]));
  const covers = new Map<string, string>();
  const coverOf = async (p: DemoProductRow, clip: DemoClip): Promise<string> => {
    const demo = drawn.get(p.title);
    const art: ArtInput = {
      name: demo?.imageName ?? shortName(p.title),
      categoryName: p.leaf,
      color: demo?.imageColor ?? clip.colours[0],
      fallbackMotif: MOTIF_OF_KIND[clip.kind],
    };
    const key = `${art.name}\u0000${art.categoryName}\u0000${art.color}\u0000${clip.file}`;
    let file = covers.get(key);
    if (file === undefined) {
      file = `demo-cover-${covers.size + 1}.png`;
      covers.set(key, file);
      await writePoster(ctx.dataDir, file, videoCoverPng(art, clip.colours));
    }
    return file;
  };
  progress('media', DEMO_CLIPS.length, DEMO_CLIPS.length);

  // Follows: every person follows a few creators; creators follow each other a little.
  const everyone = [...people.values()];
  const follows: Array<{ follower_id: string; followee_id: string; created_at: number }> = [];
  const followed = new Set<string>();
  const addFollow = (from: Actor, to: Actor): void => {
    const key = `${from.userId}>${to.userId}`;
    if (from.userId === to.userId || followed.has(key)) return;
    followed.add(key);
    follows.push({
      follower_id: from.userId,
      followee_id: to.userId,
      created_at: start + Math.floor(rand() * SPAN_MS),
    });
  };
  const hosts = [demoCreator, ...creators];
  for (const p of everyone) {
    const n = hosts.includes(p) ? 1 + Math.floor(rand() * 3) : 2 + Math.floor(rand() * 5);
    for (let i = 0; i < n; i++) addFollow(p, pick(hosts));
    if (rand() < 0.3 && shopOwners.length) addFollow(p, pick(shopOwners).owner);
  }
  const shopper = people.get('demo-shopper');
  if (shopper) for (const h of [demoCreator, ...creators.slice(0, 3)]) addFollow(shopper, h);

  await ctx.db.transaction().execute(async (tx) => {
    for (let i = 0; i < follows.length; i += 2000)
      await insertRows(tx, 'follows', follows.slice(i, i + 2000), {
        onConflictDoNothing: ['follower_id', 'followee_id'],
      });
  });

  // Videos, oldest first, in chunks of one transaction each.
  const lastOfDemoCreator = total - 1 - ((total - 1) % 7); // a draft in the demo creator's console
  for (let from = 0; from < total; from += CHUNK) {
    const videos: Array<Insertable<VideosTable>> = [];
    const anchors: Array<Insertable<VideoAnchorsTable>> = [];
    const likes: Array<Insertable<VideoLikesTable>> = [];
    const views: Array<Insertable<VideoViewsTable>> = [];
    const comments: Array<Insertable<CommentsTable>> = [];
    const shares: Array<Insertable<VideoSharesTable>> = [];
    for (let i = from; i < Math.min(total, from + CHUNK); i++) {
      const publishedAt = start + Math.floor(((i + rand()) / total) * (SPAN_MS - 60_000));
      const asShop = rand() < 0.22 && shopOwners.length > 0;
      const host = asShop ? pick(shopOwners) : null;
      const owner = host ? host.owner : i === lastOfDemoCreator || rand() < 0.14 ? demoCreator : pick(creators);
      const first = host ? pick(byShop.get(host.shopId)!) : pick(products);
      const related = (host ? byShop.get(host.shopId)! : byLeaf.get(first.leaf)!).filter((p) => p.id !== first.id);
      const anchored = [first];
      const extra = Math.floor(rand() * 3);
      for (let k = 0; k < extra && related.length; k++) {
        const p = pick(related);
        if (!anchored.includes(p)) anchored.push(p);
      }
      const clip = clipForCategory(first.leaf, first.parent);
      const file = clipFiles.get(clip)!;
      const { title, caption } = demoVideoText(rand, first, clip, host !== null);
      const draft = i === lastOfDemoCreator && owner === demoCreator;
      const id = newId('video', publishedAt - 600_000);
      const detailed = i >= total - DETAILED;
      let counters: { views: number; likes: number; comments: number; shares: number };
      if (detailed)
        counters = socialRows(id, owner, publishedAt, start + SPAN_MS, everyone, rand, {
          likes,
          views,
          comments,
          shares,
        });
      else {
        const v = 200 + Math.floor(rand() * rand() * 60_000);
        const l = Math.floor(v * (0.02 + rand() * 0.1));
        counters = { views: v, likes: l, comments: Math.floor(l * 0.05), shares: Math.floor(l * 0.03) };
      }
      videos.push({
        id,
        owner_id: owner.userId,
        host_kind: host ? 'shop' : 'creator',
        shop_id: host?.shopId ?? null,
        title,
        caption,
        hashtags: JSON.stringify(parseHashtags(caption)),
        status: draft ? 'draft' : 'published',
        file_name: file.fileName,
        content_type: 'video/mp4',
        bytes: file.bytes,
        duration_ms: file.durationMs,
        poster_file: await coverOf(first, clip),
        ...(draft ? { views: 0, likes: 0, comments: 0, shares: 0 } : counters),
        completions: draft ? 0 : Math.floor(counters.views * 0.35),
        created_at: publishedAt - 600_000,
        published_at: draft ? null : publishedAt,
        updated_at: publishedAt,
      });
      anchored.forEach((p, position) => anchors.push({ video_id: id, product_id: p.id, position }));
      if (draft)
        for (const list of [likes, views, comments, shares] as Array<Array<{ video_id: string }>>)
          while (list.length && list[list.length - 1]!.video_id === id) list.pop();
    }
    await ctx.db.transaction().execute(async (tx) => {
      await insertChunked(tx, 'videos', videos, 400);
      await insertChunked(tx, 'video_anchors', anchors, 3000);
      await insertChunked(tx, 'video_likes', likes, 3000);
      await insertChunked(tx, 'video_views', views, 3000);
      await insertChunked(tx, 'comments', comments, 1000);
      await insertChunked(tx, 'video_shares', shares, 2000);
      await indexVideos(
        tx,
        videos.map((v) => v.id),
        start,
      );
    });
    progress('videos', Math.min(total, from + CHUNK), total);
  }
}

/** Like, view, comment and share rows for one video; returns counters that match them (views ≥ view rows: anonymous views too). */
function socialRows(
  videoId: string,
  owner: Actor,
  publishedAt: number,
  end: number,
  everyone: readonly Actor[],
  rand: () => number,
  out: {
    likes: Array<Insertable<VideoLikesTable>>;
    views: Array<Insertable<VideoViewsTable>>;
    comments: Array<Insertable<CommentsTable>>;
    shares: Array<Insertable<VideoSharesTable>>;
  },
): { views: number; likes: number; comments: number; shares: number } {
  const at = (): number => publishedAt + Math.floor(rand() * Math.max(60_000, end - publishedAt));
  const audience = everyone.filter((p) => p.userId !== owner.userId);
  const watchers = audience.filter(() => rand() < 0.6);
  const likers = watchers.filter(() => rand() < 0.45);
  for (const w of watchers) out.views.push({ video_id: videoId, viewer_key: w.userId, last_counted_at: at() });
  for (const l of likers) out.likes.push({ video_id: videoId, user_id: l.userId, created_at: at() });
  let commentCount = 0;
  const tops = watchers.length ? Math.floor(rand() * 5) : 0;
  for (let c = 0; c < tops; c++) {
    const t = at();
    const id = newId('comment', t);
    const replies = Math.floor(rand() * rand() * 3);
    out.comments.push({
      id,
      video_id: videoId,
      author_id: watchers[Math.floor(rand() * watchers.length)]!.userId,
      parent_id: null,
      text: COMMENTS[Math.floor(rand() * COMMENTS.length)]!,
      reply_count: replies,
      status: 'visible',
      created_at: t,
    });
    for (let r = 0; r < replies; r++) {
      const author = r === 0 ? owner : watchers[Math.floor(rand() * watchers.length)]!;
      out.comments.push({
        id: newId('comment', t + 60_000),
        video_id: videoId,
        author_id: author.userId,
        parent_id: id,
        text: REPLIES[Math.floor(rand() * REPLIES.length)]!,
        reply_count: 0,
        status: 'visible',
        created_at: t + 60_000 * (r + 1),
      });
    }
    commentCount += 1 + replies;
  }
  const shareCount = Math.floor(rand() * rand() * 4);
  for (let s = 0; s < shareCount; s++) {
    const t = at();
    out.shares.push({
      id: newId('share', t),
      video_id: videoId,
      user_id: watchers.length && rand() < 0.7 ? watchers[Math.floor(rand() * watchers.length)]!.userId : null,
      created_at: t,
    });
  }
  return {
    views: watchers.length + Math.floor(rand() * 400),
    likes: likers.length,
    comments: commentCount,
    shares: shareCount,
  };
}
