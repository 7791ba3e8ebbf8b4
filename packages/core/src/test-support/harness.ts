/**
 * Test harness: a fresh, migrated store per test. SQLite in a temporary folder by default; a
 * fresh PostgreSQL schema when DATABASE_URL is set (CI runs every suite both ways). A missing
 * PostgreSQL fails loudly: the connection error surfaces in the test. The migrations run once per
 * test process and each store is a copy of the result (store-template.ts), or once per server and
 * each store a database cloned from the result on the suite's private server (pg-clone.ts);
 * `migrate: false` gives an empty store (a fresh schema) as before.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openCore, type Core, type CoreOptions } from '../core.js';
import { ManualClock } from '../platform/index.js';
import { loadActor, register, hashPassword, addAddress } from '../accounts/index.js';
import { createCategory, createShop, createProduct } from '../catalog/index.js';
import type { Actor } from '../context.js';
import { copyMigratedSqlite, replayMigrations } from './store-template.js';
import { cloneDatabase, cloneMigratedDatabase, cloningDatabases } from './pg-clone.js';

export interface TestCore extends Core {
  clock: ManualClock;
  /** The PostgreSQL database the store is in (undefined on SQLite), to open it again. */
  databaseUrl: string | undefined;
  /** Its schema there (undefined on SQLite). */
  pgSchema: string | undefined;
  /** The SQLite store's folder (on PostgreSQL, an unused folder). */
  dataDir: string;
  /** Closes the core if it is still open, then removes the store. */
  dispose(): Promise<void>;
}

export const usingPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

/** What a test does around its store: after it opens, and before it is disposed (even when the test failed). */
export interface TestCoreHooks {
  opened?(core: TestCore): void | Promise<void>;
  closing?(core: TestCore): Promise<void>;
}

/** Runs a test on a fresh store and disposes it whatever happens. */
export async function withTestCore(fn: (core: TestCore) => Promise<void>, hooks: TestCoreHooks = {}): Promise<void> {
  const core = await openTestCore();
  try {
    await hooks.opened?.(core);
    await fn(core);
  } finally {
    await hooks.closing?.(core);
    await core.dispose();
  }
}

export async function openTestCore(options: Partial<CoreOptions> = {}): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-test-'));
  const clock = new ManualClock(Date.now());
  let schema: string | undefined;
  let url = process.env.DATABASE_URL;
  const fromTemplate = options.migrate !== false;
  let dropStore = async (): Promise<void> => {};
  // Cloned databases on a private server (pg-clone.ts); otherwise a fresh schema of its own.
  const cloned = url && fromTemplate && cloningDatabases() ? await cloneMigratedDatabase(url) : undefined;
  if (cloned) {
    url = cloned.url;
    schema = cloned.schema;
    dropStore = cloned.drop;
  } else if (url) {
    const adminUrl = url;
    const ownSchema = `t_${randomBytes(6).toString('hex')}`;
    schema = ownSchema;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`create schema ${ownSchema}`);
    await client.end();
    dropStore = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop schema if exists ${ownSchema} cascade`);
      await client.end();
    };
  }
  let core: Core;
  try {
    // The schema is complete after the replay: openCore's own migration check would only queue
    // behind the database-wide migration lock. SQLite's copy is checked (no lock there).
    let migrated = Boolean(cloned);
    if (!cloned && fromTemplate && url && schema) migrated = await replayOrMigrateAfresh(url, schema);
    else if (!cloned && fromTemplate) await copyMigratedSqlite(dataDir);
    core = await openCore({
      dataDir,
      databaseUrl: url,
      pgSchema: schema,
      clock,
      pgPoolSize: 10,
      ...(migrated ? { migrate: false } : {}),
      ...options,
    });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    await dropStore();
    throw err;
  }
  return asTestCore(core, { clock, databaseUrl: url, pgSchema: schema, dataDir, dropStore });
}

/** A core opened on a test store, with the store's whereabouts and a dispose() that removes it. */
function asTestCore(
  core: Core,
  store: {
    clock: ManualClock;
    databaseUrl: string | undefined;
    pgSchema: string | undefined;
    dataDir: string;
    dropStore: () => Promise<void>;
  },
): TestCore {
  const { dropStore, ...where } = store;
  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => (closed ??= core.close());
  return {
    ...core,
    ...where,
    close,
    async dispose() {
      await close();
      rmSync(store.dataDir, { recursive: true, force: true });
      await dropStore();
    },
  };
}

/**
 * Replays the recorded migrations into the schema; should a replay fail (it did under load while the
 * recording still held Kysely's catalog query over every schema — see store-template.ts), says so on
 * stderr and leaves an emptied schema for openCore to migrate the usual way. Returns whether the replay built it.
 */
async function replayOrMigrateAfresh(url: string, schema: string): Promise<boolean> {
  try {
    await replayMigrations(url, schema);
    return true;
  } catch (error) {
    process.stderr.write(
      `test harness: replaying the migrations into ${schema} failed (${(error as Error).message}); migrating it instead\n`,
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.query(`create schema ${schema}`);
    } finally {
      await client.end();
    }
    return false;
  }
}

/**
 * A store that is costly to build (the whole demo, say), built once and handed out as copies: each
 * call of the returned function opens a new store holding a copy of the built one (its data folder
 * and its database), with a clock of its own at the built store's time, so a file's tests share the
 * building and none sees another's writes. On SQLite the data folder is copied; on the suite's
 * private PostgreSQL server (cloned databases) the built database is the template of each copy.
 * On any other PostgreSQL (a schema per test, which cannot be copied) every call builds afresh.
 * `dispose()` removes the built store (call it in the file's `after`).
 */
export function sharedTestStore(build: (core: TestCore) => Promise<void>): {
  open(): Promise<TestCore>;
  dispose(): Promise<void>;
} {
  const copying = !process.env.DATABASE_URL || cloningDatabases();
  let built: Promise<{ source: TestCore; now: number }> | null = null;
  const buildOnce = (): Promise<{ source: TestCore; now: number }> =>
    (built ??= (async () => {
      const source = await openTestCore();
      try {
        await build(source);
        await source.close(); // a closed store copies whole: SQLite's log checkpointed, no client on the template
        return { source, now: source.clock.now() };
      } catch (error) {
        await source.dispose();
        throw error;
      }
    })());
  return {
    async open() {
      if (!copying) {
        const core = await openTestCore();
        try {
          await build(core);
        } catch (error) {
          await core.dispose();
          throw error;
        }
        return core;
      }
      const { source, now } = await buildOnce();
      const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-test-'));
      const clock = new ManualClock(now);
      let url: string | undefined;
      let dropStore = async (): Promise<void> => {};
      let core: Core;
      let schema: string | undefined;
      try {
        cpSync(source.ctx.dataDir, dataDir, { recursive: true });
        if (source.databaseUrl) {
          const copy = await cloneDatabase(process.env.DATABASE_URL!, source.databaseUrl);
          url = copy.url;
          schema = copy.schema;
          dropStore = copy.drop;
        }
        core = await openCore({ dataDir, databaseUrl: url, pgSchema: schema, clock, pgPoolSize: 10 });
      } catch (error) {
        rmSync(dataDir, { recursive: true, force: true });
        await dropStore();
        throw error;
      }
      return asTestCore(core, { clock, databaseUrl: url, pgSchema: schema, dataDir, dropStore });
    },
    async dispose() {
      const done = built && (await built.catch(() => null));
      if (done) await done.source.dispose();
    },
  };
}

let cachedHash: Promise<string> | null = null;
export const TEST_PASSWORD = 'test-password-1';

/** A person with the given roles (the password hash is computed once per run to keep tests fast). */
export async function makePerson(
  core: Core,
  login: string,
  roles: Array<'creator' | 'mcn' | 'colonel' | 'admin'> = [],
  withAddress = true,
): Promise<Actor> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const user = await register(
    core.ctx,
    { login, password: TEST_PASSWORD, displayName: login, roles: roles.filter((r) => r !== 'admin') },
    await cachedHash,
  );
  if (roles.includes('admin'))
    await core.ctx.db
      .insertInto('user_roles')
      .values({ user_id: user.id, role: 'admin', created_at: core.ctx.clock.now() })
      .execute();
  const actor = await loadActor(core.ctx.db, user.id);
  if (withAddress)
    await addAddress(core.ctx, actor, {
      name: '张三',
      phone: '13800001111',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 100 号',
    });
  return actor;
}

export interface ShopFixture {
  owner: Actor;
  shopId: string;
  categoryId: string;
  productId: string;
  skuIds: string[];
}

/** A shop with one listed product of two SKUs (¥29.90 and ¥49.90), each with `stock` units. */
export async function makeShop(core: Core, ownerLogin: string, stock = 100, categoryId?: string): Promise<ShopFixture> {
  const ownerBase = await makePerson(core, ownerLogin, [], false);
  const shop = await createShop(core.ctx, ownerBase, {
    name: `${ownerLogin} 的店`,
    shippingFeeFen: 800,
    freeShippingOverFen: 9900,
  });
  const owner = await loadActor(core.ctx.db, ownerBase.userId);
  const catId =
    categoryId ??
    (
      await createCategory(core.ctx, null, {
        name: `水果-${ownerLogin}`,
        shipByHours: 48,
        perishable: true,
        feeRateBp: 200,
      })
    ).id;
  const product = await createProduct(core.ctx, owner, shop.id, {
    categoryId: catId,
    title: '云南冰糖橙 新鲜现摘',
    specOptions: [{ name: '规格', values: ['5斤', '10斤'] }],
    skus: [
      { specValues: ['5斤'], priceFen: 2990, originalPriceFen: 3990, stock },
      { specValues: ['10斤'], priceFen: 4990, stock },
    ],
    status: 'listed',
  });
  return { owner, shopId: shop.id, categoryId: catId, productId: product.id, skuIds: product.skuIds };
}
