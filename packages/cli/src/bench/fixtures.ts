/** Benchmark fixtures written straight through @zhongcao/core: a shop with one listed product, buyers with addresses and bearer tokens. */
import {
  addAddress,
  createCategory,
  createProduct,
  createShop,
  issueSession,
  loadActor,
  newId,
  openCore,
  register,
  type Core,
} from '@zhongcao/core';
import { log, type BenchStore } from './resources.js';

/** argon2id of "bench-password-1", computed once so that thousands of buyers register instantly. */
const PASSWORD = 'bench-password-1';
const PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$xOlEAZU6Wx4Iovo6Sl15BA$WKTZUkuBtahPo90pKTmRxY5OyN0P8iVX1owc0XlCLJE';

export interface Buyer {
  userId: string;
  token: string;
}

export interface Fixtures {
  productId: string;
  skuIds: string[];
  buyers: Buyer[];
}

export interface FixtureSpec {
  /** Stock of each SKU. */
  stockPerSku: number[];
  buyers: number;
}

/** Opens the core on the store (migrating it), writes the fixtures, closes the core. */
export async function makeFixtures(store: BenchStore, spec: FixtureSpec): Promise<Fixtures> {
  const started = Date.now();
  const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
  try {
    const { productId, skuIds } = await makeShop(core, spec.stockPerSku);
    const buyers = await makeBuyers(core, spec.buyers);
    log(
      `fixtures: ${skuIds.length} SKU(s), ${buyers.length} buyers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { productId, skuIds, buyers };
  } finally {
    await core.close();
  }
}

async function makeShop(core: Core, stockPerSku: number[]): Promise<{ productId: string; skuIds: string[] }> {
  const ctx = core.ctx;
  const owner = await register(
    ctx,
    { login: 'bench-merchant', password: PASSWORD, displayName: '压测商家' },
    PASSWORD_HASH,
  );
  const shop = await createShop(ctx, await loadActor(ctx.db, owner.id), {
    name: '压测果园',
    shippingFeeFen: 800,
    freeShippingOverFen: 9900,
  });
  const category = await createCategory(ctx, null, {
    name: '压测水果',
    shipByHours: 48,
    perishable: true,
    feeRateBp: 200,
  });
  const values = stockPerSku.map((_, i) => `规格${i + 1}`);
  const product = await createProduct(ctx, await loadActor(ctx.db, owner.id), shop.id, {
    categoryId: category.id,
    title: '云南冰糖橙 压测装',
    specOptions: [{ name: '规格', values }],
    skus: stockPerSku.map((stock, i) => ({ specValues: [values[i]!], priceFen: 2990, stock })),
    status: 'listed',
  });
  return { productId: product.id, skuIds: product.skuIds };
}

async function makeBuyers(core: Core, count: number): Promise<Buyer[]> {
  const ctx = core.ctx;
  const buyers: Buyer[] = new Array<Buyer>(count);
  let next = 0;
  const makeOne = async (i: number): Promise<void> => {
    const login = `bench-buyer-${i}`;
    const user = await register(ctx, { login, password: PASSWORD, displayName: login }, PASSWORD_HASH);
    await addAddress(ctx, await loadActor(ctx.db, user.id), {
      name: '张三',
      phone: '13800001111',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: `文三路 ${i} 号`,
    });
    const session = await issueSession(ctx, user.id, 'bearer');
    buyers[i] = { userId: user.id, token: session.token };
    if ((i + 1) % 1000 === 0) log(`fixtures: ${i + 1}/${count} buyers`);
  };
  // A few chains in parallel: PostgreSQL gets several round trips in flight; SQLite serialises them anyway.
  const chain = async (): Promise<void> => {
    while (next < count) await makeOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(16, count) }, chain));
  return buyers;
}

const DAY_MS = 24 * 3600 * 1000;

export interface VideoSpec {
  /** Creators the videos are spread over (round robin). */
  ownerIds: string[];
  /** Listed products to anchor (one per video, round robin); may be empty. */
  productIds: string[];
  /** Published over the last `spreadDays` days, evenly. */
  spreadDays: number;
}

/**
 * Writes `count` published video rows (and their anchors) straight into the store in chunks: the
 * feed reads rows, so a benchmark does not need the upload path (or real files) behind them.
 */
export async function insertBenchVideos(core: Core, count: number, spec: VideoSpec): Promise<string[]> {
  const db = core.ctx.db;
  const now = Date.now();
  const ids: string[] = [];
  const CHUNK = 500;
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = start + k;
      const publishedAt = now - Math.floor(((i + 0.5) / count) * spec.spreadDays * DAY_MS);
      const id = newId('video', publishedAt);
      return {
        id,
        owner_id: spec.ownerIds[i % spec.ownerIds.length]!,
        host_kind: 'creator',
        shop_id: null,
        title: `压测视频 ${i + 1} · 今日好物`,
        caption: `第 ${i + 1} 条 #种草 #好物推荐`,
        hashtags: JSON.stringify(['种草', '好物推荐']),
        status: 'published' as const,
        file_name: 'bench.mp4',
        content_type: 'video/mp4',
        bytes: 1_000_000,
        duration_ms: 15_000,
        poster_file: null,
        views: (i * 37) % 5000,
        likes: (i * 13) % 400,
        comments: (i * 7) % 50,
        shares: (i * 3) % 20,
        completions: (i * 11) % 300,
        created_at: publishedAt,
        published_at: publishedAt,
        updated_at: publishedAt,
      };
    });
    await db.insertInto('videos').values(rows).execute();
    if (spec.productIds.length) {
      await db
        .insertInto('video_anchors')
        .values(
          rows.map((r, k) => ({
            video_id: r.id,
            product_id: spec.productIds[(start + k) % spec.productIds.length]!,
            position: 0,
          })),
        )
        .execute();
    }
    ids.push(...rows.map((r) => r.id));
    if ((start + n) % 20_000 === 0 || start + n === count) log(`fixtures: ${start + n}/${count} videos`);
  }
  return ids;
}
