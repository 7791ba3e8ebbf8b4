/** The 0004 migration on a store that already holds products: it indexes them (backfill). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Migrator, type Migration } from 'kysely';
import pg from 'pg';
import { openStorage } from '../storage/database.js';
import * as foundation from '../storage/migrations/0001_foundation.js';
import * as search from '../storage/migrations/0004_search.js';
import type { CoreContext } from '../context.js';
import { searchProducts } from './search-products.js';

async function withStore(fn: (storage: ReturnType<typeof openStorage>) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-search-'));
  const url = process.env.DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const admin = async (q: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(q);
    await client.end();
  };
  if (schema) await admin(`create schema ${schema}`);
  const storage = openStorage({ dataDir, databaseUrl: url, pgSchema: schema, pgPoolSize: 2 });
  try {
    await fn(storage);
  } finally {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (schema) await admin(`drop schema if exists ${schema} cascade`);
  }
}

const migrate = async (db: ReturnType<typeof openStorage>['db'], migrations: Record<string, Migration>, schema?: string) => {
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) throw error;
};

test('the search migration indexes the products that already exist', async () => {
  await withStore(async (storage) => {
    const { db } = storage;
    await migrate(db, { '0001_foundation': foundation }, storage.schema);
    const now = 1_700_000_000_000;
    await db.insertInto('users').values({ id: 'usr_01', login: 'owner', display_name: '店主', password_hash: 'x', created_at: now }).execute();
    await db.insertInto('shops').values({ id: 'shp_01', name: '北大仓粮油旗舰店', description: '', origin: '', owner_id: 'usr_01', shipping_fee_fen: 0, free_shipping_over_fen: null, status: 'open', created_at: now }).execute();
    await db.insertInto('categories').values([
      { id: 'cat_01', parent_id: null, name: '粮油调味', ship_by_hours: 72, perishable: 0, fee_rate_bp: 100, sort: 0, created_at: now },
      { id: 'cat_02', parent_id: 'cat_01', name: '大米', ship_by_hours: 72, perishable: 0, fee_rate_bp: 100, sort: 0, created_at: now },
    ]).execute();
    const product = (id: string, title: string, status: string, sales: number) => ({ id, shop_id: 'shp_01', category_id: 'cat_02', title, description: '', spec_options: '[]', status, min_price_fen: 5990, sales, created_at: now, updated_at: now });
    await db.insertInto('products').values([
      product('prd_01', '五常稻花香大米 5kg 好吃不贵', 'listed', 3),
      product('prd_02', '东北珍珠米 当季新米 5kg', 'listed', 9),
      product('prd_03', '宁安响水大米 10kg 家庭装', 'draft', 0),
    ]).execute();

    await migrate(db, { '0001_foundation': foundation, '0004_search': search }, storage.schema);

    const docs = await db.selectFrom('search_documents').select('product_id').orderBy('product_id').execute();
    assert.deepEqual(docs.map((d) => d.product_id), ['prd_01', 'prd_02', 'prd_03'], 'every existing product has a document');
    const ctx = { db, dialect: storage.dialect } as CoreContext;
    const rice = await searchProducts(ctx, { q: '大米' });
    assert.deepEqual(rice.items.map((i) => i.id), ['prd_01', 'prd_02'], 'by title, then the category 大米 (the draft stays hidden)');
    assert.deepEqual((await searchProducts(ctx, { q: '粮油' })).items.map((i) => i.id), ['prd_02', 'prd_01'], 'the parent category too, by sales');
  });
});
