/**
 * The store the recsys benchmarks run on, written straight through @zhongcao/core in batches:
 * a shop with products in several categories, people (some of them creators, each creator
 * posting on one product so each creator belongs to one category), published videos, and
 * per-person histories the interest engine warms from — events (impressions, watch time,
 * completions, product taps), likes and follows, all around one favourite category per person.
 */
import {
  createCategory,
  createProduct,
  createShop,
  issueSession,
  loadActor,
  newId,
  openCore,
  register,
  SqlRollupStore,
  COMPASS_CURSOR,
  type Core,
} from '@zhongcao/core';
import { insertBenchVideos } from './fixtures.js';
import { log, type BenchStore } from './resources.js';

export interface RecsysStoreSpec {
  videos: number;
  people: number;
  /** Videos in each person's history. */
  historyPerPerson: number;
  /** People (without histories) who get bearer tokens for the load clients. */
  clients: number;
}

export interface BenchPerson {
  userId: string;
  token: string;
}

export interface RecsysStore {
  categories: number;
  videoIds: string[];
  /** Creator of each video, by video index. */
  creatorOfVideo: string[];
  /** Category (0-based) of each video's product, by video index. */
  categoryOfVideo: number[];
  /** Product of each video, by video index. */
  productOfVideo: string[];
  clients: BenchPerson[];
  /** An admin with a bearer token (asks for a retraining). */
  admin: BenchPerson;
  /** What was written, for the report. */
  rows: { people: number; events: number; likes: number; follows: number };
}

const CATEGORIES = 8;
const PRODUCTS_PER_CATEGORY = 5;
const CREATORS_PER_PRODUCT = 10;
const CHUNK = 500;
/** Event rows per INSERT: 12 columns each stays under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const EVENT_CHUNK = 2_000;
const DAY_MS = 24 * 3600 * 1000;
/** Any argon2 string: bench people never log in with a password (their sessions are issued directly). */
const UNUSABLE_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaGJlbmNo$bm90LWEtcmVhbC1oYXNoLW5vdC1hLXJlYWwtaGFzaA';

export async function buildRecsysStore(store: BenchStore, spec: RecsysStoreSpec): Promise<RecsysStore> {
  const started = Date.now();
  const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
  try {
    const productIds = await makeCatalogue(core);
    const creatorCount = productIds.length * CREATORS_PER_PRODUCT;
    const peopleIds = await insertPeople(core, Math.max(spec.people, creatorCount), creatorCount);
    const creators = peopleIds.slice(0, creatorCount);
    // Creator k posts on product k mod P (the counts are multiples), so each creator stays in one category.
    const videoIds = await insertBenchVideos(core, spec.videos, { ownerIds: creators, productIds, spreadDays: 30 });
    const creatorOfVideo = videoIds.map((_, i) => creators[i % creators.length]!);
    const productOfVideo = videoIds.map((_, i) => productIds[i % productIds.length]!);
    const categoryOfVideo = videoIds.map((_, i) => (i % productIds.length) % CATEGORIES);
    const history = await insertHistories(core, peopleIds, spec.historyPerPerson, {
      videoIds,
      creatorOfVideo,
      productOfVideo,
      categoryOfVideo,
    });
    const clients = await makeClients(core, spec.clients);
    const admin = await makeAdmin(core);
    // The history went into the store directly; on a platform that has been running, the 罗盘's
    // consumer counted it as it came and its cursor stands at the present. Left without one, the
    // server's first rounds recount every history event (what `bench analytics` times as
    // rebuild_s) while this benchmark measures the feed.
    const now = Date.now();
    await new SqlRollupStore(core.ctx.db).commit({
      deltas: [],
      people: [],
      cursor: { name: COMPASS_CURSOR, position: now, now },
    });
    log(
      `recsys store: ${spec.videos} videos, ${peopleIds.length} people, ${history.events} events, ${history.likes} likes, ${history.follows} follows in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return {
      categories: CATEGORIES,
      videoIds,
      creatorOfVideo,
      categoryOfVideo,
      productOfVideo,
      clients,
      admin,
      rows: { people: peopleIds.length, ...history },
    };
  } finally {
    await core.close();
  }
}

/**
 * One shop; CATEGORIES categories × PRODUCTS_PER_CATEGORY listed products, ordered so that
 * product j is in category j mod CATEGORIES: consecutive (equally new) videos are in different categories.
 */
async function makeCatalogue(core: Core): Promise<string[]> {
  const ctx = core.ctx;
  const owner = await register(ctx, {
    login: 'bench-recsys-merchant',
    password: 'bench-password-1',
    displayName: '压测商家',
  });
  const shop = await createShop(ctx, await loadActor(ctx.db, owner.id), {
    name: '压测百货',
    shippingFeeFen: 800,
    freeShippingOverFen: 9900,
  });
  const actor = await loadActor(ctx.db, owner.id);
  const ids: string[] = new Array<string>(CATEGORIES * PRODUCTS_PER_CATEGORY);
  for (let c = 0; c < CATEGORIES; c++) {
    const category = await createCategory(ctx, null, {
      name: `压测类目${c + 1}`,
      shipByHours: 48,
      perishable: false,
      feeRateBp: 200,
    });
    for (let k = 0; k < PRODUCTS_PER_CATEGORY; k++) {
      const product = await createProduct(ctx, actor, shop.id, {
        categoryId: category.id,
        title: `压测好物 ${c + 1}-${k + 1}`,
        specOptions: [{ name: '规格', values: ['标准'] }],
        skus: [{ specValues: ['标准'], priceFen: 990 + 1000 * k, stock: 1_000_000 }],
        status: 'listed',
      });
      ids[k * CATEGORIES + c] = product.id;
    }
  }
  return ids;
}

/** `count` people; the first `creators` also have the creator role. */
async function insertPeople(core: Core, count: number, creators: number): Promise<string[]> {
  const db = core.ctx.db;
  const now = Date.now();
  const ids: string[] = [];
  for (let start = 0; start < count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) => {
      const i = start + k;
      return {
        id: newId('user', now - 40 * DAY_MS + i),
        login: `bench-person-${i}`,
        display_name: i < creators ? `压测达人${i}` : `压测用户${i}`,
        password_hash: UNUSABLE_HASH,
        created_at: now - 40 * DAY_MS,
      };
    });
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('users').values(rows).execute();
      const roles = rows.flatMap((r, k) => [
        { user_id: r.id, role: 'shopper', created_at: r.created_at },
        ...(start + k < creators ? [{ user_id: r.id, role: 'creator', created_at: r.created_at }] : []),
      ]);
      for (let i = 0; i < roles.length; i += CHUNK)
        await tx
          .insertInto('user_roles')
          .values(roles.slice(i, i + CHUNK))
          .execute();
    });
    ids.push(...rows.map((r) => r.id));
    if ((start + rows.length) % 20_000 === 0 || start + rows.length === count)
      log(`recsys store: ${start + rows.length}/${count} people`);
  }
  return ids;
}

/** A row of the events table as the server writes it. */
interface EventRow {
  id: string;
  actor_key: string;
  user_id: string;
  type: string;
  video_id: string;
  product_id: string | null;
  watch_ms: number | null;
  duration_ms: number | null;
  at: number;
  client_event_id: string;
  received_at: number;
}

interface VideoIndex {
  videoIds: string[];
  creatorOfVideo: string[];
  productOfVideo: string[];
  categoryOfVideo: number[];
}

/**
 * Each person favours one category: `perPerson` of its videos, each with an impression and its
 * watch time, completions on half, a product tap on the first; every second person liked one,
 * every third follows the creator of the first. Spread over the last six days.
 */
async function insertHistories(
  core: Core,
  people: string[],
  perPerson: number,
  v: VideoIndex,
): Promise<{ events: number; likes: number; follows: number }> {
  const db = core.ctx.db;
  const byCategory: number[][] = Array.from({ length: CATEGORIES }, () => []);
  v.categoryOfVideo.forEach((c, i) => byCategory[c]!.push(i));
  const now = Date.now();
  const totals = { events: 0, likes: 0, follows: 0 };
  const PEOPLE_PER_BATCH = 500;
  for (let start = 0; start < people.length; start += PEOPLE_PER_BATCH) {
    const events: EventRow[] = [];
    const likes: Array<{ video_id: string; user_id: string; created_at: number }> = [];
    const follows: Array<{ follower_id: string; followee_id: string; created_at: number }> = [];
    for (let p = start; p < Math.min(people.length, start + PEOPLE_PER_BATCH); p++) {
      const userId = people[p]!;
      const pool = byCategory[p % CATEGORIES]!;
      if (pool.length === 0) continue;
      for (let j = 0; j < perPerson; j++) {
        const vi = pool[(p * 7919 + j * 104_729) % pool.length]!;
        const videoId = v.videoIds[vi]!;
        const at = now - 6 * DAY_MS + ((p * 1_000_003 + j * 60_000) % (6 * DAY_MS - 3_600_000));
        const ev = (
          n: number,
          type: string,
          extra: Partial<Pick<EventRow, 'product_id' | 'watch_ms' | 'duration_ms'>> = {},
        ): EventRow => ({
          id: newId('event', at + n),
          actor_key: userId,
          user_id: userId,
          type,
          video_id: videoId,
          product_id: null,
          watch_ms: null,
          duration_ms: null,
          at: at + n,
          client_event_id: `h${j}-${n}`,
          received_at: at + n,
          ...extra,
        });
        const completed = j % 2 === 0;
        events.push(
          ev(0, 'impression'),
          ev(1, 'view_progress', { watch_ms: completed ? 15_000 : 4_000, duration_ms: 15_000 }),
        );
        if (completed) events.push(ev(2, 'complete', { watch_ms: 15_000, duration_ms: 15_000 }));
        if (j === 0) events.push(ev(3, 'product_tap', { product_id: v.productOfVideo[vi]! }));
        if (j === 1 && p % 2 === 0) likes.push({ video_id: videoId, user_id: userId, created_at: at + 4 });
        if (j === 0 && p % 3 === 0 && v.creatorOfVideo[vi] !== userId)
          follows.push({ follower_id: userId, followee_id: v.creatorOfVideo[vi]!, created_at: at + 5 });
      }
    }
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < events.length; i += EVENT_CHUNK)
        await tx
          .insertInto('events')
          .values(events.slice(i, i + EVENT_CHUNK))
          .execute();
      for (let i = 0; i < likes.length; i += CHUNK)
        await tx
          .insertInto('video_likes')
          .values(likes.slice(i, i + CHUNK))
          .execute();
      for (let i = 0; i < follows.length; i += CHUNK)
        await tx
          .insertInto('follows')
          .values(follows.slice(i, i + CHUNK))
          .execute();
    });
    totals.events += events.length;
    totals.likes += likes.length;
    totals.follows += follows.length;
    const done = Math.min(people.length, start + PEOPLE_PER_BATCH);
    if (done % 20_000 === 0 || done === people.length) log(`recsys store: histories ${done}/${people.length}`);
  }
  return totals;
}

/** People with no history and a bearer token each: the load clients. */
async function makeClients(core: Core, count: number): Promise<BenchPerson[]> {
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId('user', now + i),
    login: `bench-client-${i}`,
    display_name: `压测访客${i}`,
    password_hash: UNUSABLE_HASH,
    created_at: now,
  }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await core.ctx.db
      .insertInto('users')
      .values(rows.slice(i, i + CHUNK))
      .execute();
    await core.ctx.db
      .insertInto('user_roles')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ user_id: r.id, role: 'shopper', created_at: now })))
      .execute();
  }
  const clients: BenchPerson[] = [];
  for (const r of rows) clients.push({ userId: r.id, token: (await issueSession(core.ctx, r.id, 'bearer')).token });
  return clients;
}

/** One admin with a bearer token. */
async function makeAdmin(core: Core): Promise<BenchPerson> {
  const now = Date.now();
  const id = newId('user', now);
  await core.ctx.db
    .insertInto('users')
    .values({ id, login: 'bench-admin', display_name: '压测管理员', password_hash: UNUSABLE_HASH, created_at: now })
    .execute();
  await core.ctx.db.insertInto('user_roles').values({ user_id: id, role: 'admin', created_at: now }).execute();
  return { userId: id, token: (await issueSession(core.ctx, id, 'bearer')).token };
}
