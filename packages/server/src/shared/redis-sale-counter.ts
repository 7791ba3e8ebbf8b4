/**
 * The flash sale's hot counter in Redis (core's HotCounter): per sale, the units left
 * (`zhongcao:fs:{id}:rem`), each buyer's units (`…:held`, a hash) and the reservations in flight
 * (`…:inflight`, a sorted set of tokens scored by the time they were granted). Every step is one
 * Lua script, so a reservation is atomic across all api processes; the keys share a hash tag so
 * a Redis Cluster keeps a sale on one shard.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { HotCounter, HotReply, HotVerdict } from '@zhongcao/core';

const RESERVE = `
local rem = redis.call('GET', KEYS[1])
if not rem then return {-1, 0} end
rem = tonumber(rem)
local qty = tonumber(ARGV[2])
local holds = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if holds + qty > tonumber(ARGV[3]) then return {2, rem} end
if rem < qty then return {1, rem} end
redis.call('DECRBY', KEYS[1], qty)
redis.call('HINCRBY', KEYS[2], ARGV[1], qty)
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
return {0, rem - qty}
`;

/** ARGV: the number of committed tokens, the committed tokens, then (token, buyer, quantity) triples released. */
const SETTLE = `
local n = tonumber(ARGV[1])
for i = 2, n + 1 do redis.call('ZREM', KEYS[3], ARGV[i]) end
local live = redis.call('EXISTS', KEYS[1]) == 1
for i = n + 2, #ARGV, 3 do
  if redis.call('ZREM', KEYS[3], ARGV[i]) == 1 and live then
    local qty = tonumber(ARGV[i + 2])
    redis.call('INCRBY', KEYS[1], qty)
    if redis.call('HINCRBY', KEYS[2], ARGV[i + 1], -qty) <= 0 then redis.call('HDEL', KEYS[2], ARGV[i + 1]) end
  end
end
return 1
`;

/** KEYS[4]: the holdings written beforehand under a temporary key. ARGV: remaining, expires-at (ms). */
const SEED = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('DEL', KEYS[4])
  return 0
end
redis.call('DEL', KEYS[2], KEYS[3])
if redis.call('EXISTS', KEYS[4]) == 1 then redis.call('RENAME', KEYS[4], KEYS[2]) end
redis.call('SET', KEYS[1], ARGV[1])
for i = 1, 3 do redis.call('PEXPIREAT', KEYS[i], ARGV[2]) end
return 1
`;

/**
 * ARGV: the database's remaining units, now, the staleness cutoff (ms), and optionally a buyer
 * and the database's units for them. Stale reservations are dropped (their units leave the
 * buyer's holding: if they did become an order, the database's holding still counts them);
 * remaining = the database's figure minus the fresh reservations still in flight.
 */
const RECONCILE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {0, 0} end
local cutoff = tonumber(ARGV[2]) - tonumber(ARGV[3])
local stale = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. cutoff)
for _, t in ipairs(stale) do
  local buyer, qty = string.match(t, '^([^|]+)|(%d+)|')
  if buyer and redis.call('HINCRBY', KEYS[2], buyer, -tonumber(qty)) <= 0 then redis.call('HDEL', KEYS[2], buyer) end
  redis.call('ZREM', KEYS[3], t)
end
local flying = 0
local flyingForBuyer = 0
for _, t in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  local buyer, qty = string.match(t, '^([^|]+)|(%d+)|')
  if qty then
    flying = flying + tonumber(qty)
    if ARGV[4] and buyer == ARGV[4] then flyingForBuyer = flyingForBuyer + tonumber(qty) end
  end
end
local rem = tonumber(ARGV[1]) - flying
redis.call('SET', KEYS[1], rem, 'KEEPTTL')
if ARGV[4] then redis.call('HSET', KEYS[2], ARGV[4], tonumber(ARGV[5]) + flyingForBuyer) end
return {1, rem}
`;

const VERDICTS: Record<number, HotVerdict> = { [-1]: 'UNSEEDED', 0: 'ok', 1: 'SALE_SOLD_OUT', 2: 'SALE_LIMIT_REACHED' };
const SEED_CHUNK = 1_000;

type Scripted = Redis & {
  zcSaleReserve(rem: string, held: string, inflight: string, ...argv: string[]): Promise<[number, number]>;
  zcSaleSettle(rem: string, held: string, inflight: string, ...argv: string[]): Promise<number>;
  zcSaleSeed(rem: string, held: string, inflight: string, temp: string, ...argv: string[]): Promise<number>;
  zcSaleReconcile(rem: string, held: string, inflight: string, ...argv: string[]): Promise<[number, number]>;
};

export function saleCounterKeys(saleId: string): [string, string, string] {
  const tag = `zhongcao:fs:{${saleId}}`;
  return [`${tag}:rem`, `${tag}:held`, `${tag}:inflight`];
}

export function redisSaleCounter(redis: Redis): HotCounter {
  const r = redis as Scripted;
  if (!('zcSaleReserve' in r)) {
    redis.defineCommand('zcSaleReserve', { numberOfKeys: 3, lua: RESERVE });
    redis.defineCommand('zcSaleSettle', { numberOfKeys: 3, lua: SETTLE });
    redis.defineCommand('zcSaleSeed', { numberOfKeys: 4, lua: SEED });
    redis.defineCommand('zcSaleReconcile', { numberOfKeys: 3, lua: RECONCILE });
  }
  return {
    async reserve(saleId, buyerId, quantity, limit, token, now): Promise<HotReply> {
      const [code, remaining] = await r.zcSaleReserve(
        ...saleCounterKeys(saleId),
        buyerId,
        String(quantity),
        String(limit),
        token,
        String(now),
      );
      return { verdict: VERDICTS[code] ?? 'UNSEEDED', remaining };
    },
    async settle(saleId, committed, released) {
      if (committed.length === 0 && released.length === 0) return;
      await r.zcSaleSettle(
        ...saleCounterKeys(saleId),
        String(committed.length),
        ...committed,
        ...released.flatMap((x) => [x.token, x.buyerId, String(x.quantity)]),
      );
    },
    async seed(saleId, seed) {
      const keys = saleCounterKeys(saleId);
      const temp = `${keys[1]}:seed:${randomUUID()}`;
      for (let i = 0; i < seed.holdings.length; i += SEED_CHUNK) {
        const chunk = seed.holdings.slice(i, i + SEED_CHUNK).filter(([, q]) => q > 0);
        if (chunk.length) await r.hset(temp, Object.fromEntries(chunk));
      }
      await r.zcSaleSeed(...keys, temp, String(seed.remaining), String(seed.expiresAt));
    },
    async reconcile(saleId, db, now, staleMs) {
      const argv = [
        String(db.remaining),
        String(now),
        String(staleMs),
        ...(db.buyer ? [db.buyer.id, String(db.buyer.quantity)] : []),
      ];
      const [exists, remaining] = await r.zcSaleReconcile(...saleCounterKeys(saleId), ...argv);
      return exists ? remaining : null;
    },
  };
}
