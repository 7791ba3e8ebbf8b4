/**
 * Fixtures of the live benchmarks, written straight into the store: a shop hosting a live room
 * with its product in the bag, the host's bearer token, and many buyers (with an address and a
 * bearer session each) inserted in bulk, so 50,000 of them take seconds rather than minutes.
 */
import { randomBytes } from 'node:crypto';
import {
  addToBag,
  createRoom,
  hashToken,
  issueSession,
  loadActor,
  newId,
  openCore,
  openRoom,
  SESSION_TTL_MS,
  type Core,
} from '@zhongcao/core';
import { makeFixtures, type Buyer } from './fixtures.js';
import { log, type BenchStore } from './resources.js';

export interface LiveFixtures {
  roomId: string;
  productId: string;
  skuId: string;
  hostToken: string;
  buyers: Buyer[];
}

export async function makeLiveFixtures(
  store: BenchStore,
  spec: { stock: number; buyers: number },
): Promise<LiveFixtures> {
  const fx = await makeFixtures(store, { stockPerSku: [spec.stock], buyers: 0 });
  const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
  try {
    const ownerRow = await core.ctx.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'bench-merchant')
      .executeTakeFirstOrThrow();
    const owner = await loadActor(core.ctx.db, ownerRow.id);
    const shopId = [...owner.shops.keys()][0]!;
    const { id: roomId } = await createRoom(core.ctx, owner, { title: '压测直播间 · 冰糖橙秒杀', shopId });
    await addToBag(core.ctx, owner, roomId, fx.productId);
    await openRoom(core.ctx, owner, roomId);
    const hostToken = (await issueSession(core.ctx, owner.userId, 'bearer')).token;
    const started = Date.now();
    const buyers = await insertBuyers(core, spec.buyers);
    log(`fixtures: live room ${roomId}, ${buyers.length} buyers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { roomId, productId: fx.productId, skuId: fx.skuIds[0]!, hostToken, buyers };
  } finally {
    await core.close();
  }
}

const CHUNK = 500;

async function insertBuyers(core: Core, count: number): Promise<Buyer[]> {
  const db = core.ctx.db;
  const now = Date.now();
  const buyers: Buyer[] = [];
  // Nobody logs in with these: the password hash is a placeholder no password matches.
  const noPassword = `$argon2id$v=19$m=19456,t=2,p=1$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = start + k;
      return { id: newId('user', now), login: `live-buyer-${i}`, token: randomBytes(32).toString('base64url'), i };
    });
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('users')
        .values(
          rows.map((r) => ({
            id: r.id,
            login: r.login,
            display_name: `观众${r.i}`,
            password_hash: noPassword,
            created_at: now,
          })),
        )
        .execute();
      await tx
        .insertInto('user_roles')
        .values(rows.map((r) => ({ user_id: r.id, role: 'shopper', created_at: now })))
        .execute();
      await tx
        .insertInto('addresses')
        .values(
          rows.map((r) => ({
            id: newId('address', now),
            user_id: r.id,
            name: '张三',
            phone: '13800001111',
            province: '浙江省',
            city: '杭州市',
            district: '西湖区',
            detail: `文三路 ${r.i} 号`,
            is_default: 1,
            created_at: now,
          })),
        )
        .execute();
      await tx
        .insertInto('sessions')
        .values(
          rows.map((r) => ({
            id: newId('session', now),
            token_hash: hashToken(r.token),
            user_id: r.id,
            kind: 'bearer',
            csrf_token: randomBytes(12).toString('base64url'),
            created_at: now,
            expires_at: now + SESSION_TTL_MS,
            revoked_at: null,
          })),
        )
        .execute();
    });
    for (const r of rows) buyers.push({ userId: r.id, token: r.token });
    if ((start + n) % 10_000 === 0) log(`fixtures: ${start + n}/${count} buyers`);
  }
  return buyers;
}
