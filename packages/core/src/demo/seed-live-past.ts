/**
 * The demo's past live room (罗盘 · 直播分析): yesterday evening demo-creator was live for 90
 * minutes with the showcase in the bag; viewers came and went (a curve with two peaks), commented,
 * and a few dozen orders were paid through the room. The orders are real orders (checkout and
 * payment, on the seed's clock); the viewers and comments per minute are what the room's process
 * would have handed to 罗盘 (`addLiveActivity`). Deterministic.
 */
import type { Actor, CoreContext } from '../context.js';
import { type ManualClock, mulberry32 } from '../platform/index.js';
import { addToBag, createRoom, endRoom, openRoom } from '../live/index.js';
import { SqlRollupStore, type LiveActivity } from '../analytics/index.js';
import type { Attribution } from '../affiliate/index.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const MINUTES = 90;

export async function seedDemoPastLive(input: {
  ctx: CoreContext;
  clock: ManualClock;
  realNow: number;
  people: Map<string, Actor>;
  buyers: Actor[];
  buy: (buyer: Actor, skuId: string, attribution: Attribution) => Promise<void>;
}): Promise<string | null> {
  const { ctx, clock, people, buyers } = input;
  const creator = people.get('demo-creator');
  if (!creator || buyers.length === 0) return null;
  const showcase = await ctx.db
    .selectFrom('affiliate_showcase')
    .innerJoin('products', 'products.id', 'affiliate_showcase.product_id')
    .innerJoin('skus', 'skus.product_id', 'products.id')
    .select(['affiliate_showcase.product_id', 'skus.id as sku_id'])
    .where('affiliate_showcase.creator_id', '=', creator.userId)
    .where('affiliate_showcase.removed_at', 'is', null)
    .where('products.status', '=', 'listed')
    .where('skus.stock', '>=', 20)
    .orderBy('affiliate_showcase.first_added_at')
    .orderBy('skus.id')
    .limit(12)
    .execute();
  if (showcase.length === 0) return null;
  // Yesterday, 20:00 in Asia/Shanghai (12:00 UTC).
  const start = Math.floor((input.realNow - DAY) / DAY) * DAY + 12 * 3_600_000;
  clock.set(start - 10 * MINUTE);
  const { id: roomId } = await createRoom(ctx, creator, { title: '昨晚专场 · 产地直发好物' });
  for (const p of [...new Set(showcase.map((s) => s.product_id))].slice(0, 6)) await addToBag(ctx, creator, roomId, p);
  clock.set(start);
  await openRoom(ctx, creator, roomId);
  const random = mulberry32(2301);
  const activity: LiveActivity[] = [];
  let comments = 0;
  let entries = 0;
  for (let m = 0; m < MINUTES; m++) {
    // Two peaks: the opening flash sale (minute ~15) and the lucky bag near the end (minute ~70).
    const curve =
      40 + 260 * Math.exp(-(((m - 15) / 9) ** 2)) + 180 * Math.exp(-(((m - 70) / 7) ** 2)) + 30 * Math.min(1, m / 5);
    const viewers = Math.round(curve * (0.9 + random() * 0.2));
    const c = Math.round(viewers * (0.05 + random() * 0.08));
    const e = Math.round(viewers * (0.15 + random() * 0.1));
    comments += c;
    entries += e;
    activity.push({ room_id: roomId, minute: start + m * MINUTE, viewers, entries: e, comments: c });
  }
  await new SqlRollupStore(ctx.db).addLiveActivity(activity);
  // Orders through the room, more of them around the peaks.
  let orders = 0;
  for (let m = 0; m < MINUTES; m++) {
    const chance = activity[m]!.viewers / 900;
    if (random() >= chance) continue;
    const s = showcase[Math.floor(random() * showcase.length)]!;
    const buyer = buyers[Math.floor(random() * buyers.length)]!;
    clock.set(start + m * MINUTE + Math.floor(random() * 30_000));
    await input.buy(buyer, s.sku_id, { source: 'live', contentId: roomId, creatorId: creator.userId });
    orders++;
  }
  clock.set(start + MINUTES * MINUTE);
  await endRoom(ctx, creator, roomId, async () => ({
    online: 0,
    cumulativeViewers: entries,
    comments,
    likes: Math.round(comments * 3.5),
    orders,
  }));
  return roomId;
}
