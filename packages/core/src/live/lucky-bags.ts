/**
 * Lucky bags (福袋): the host sets a keyword, a prize, a number of winners and a draw time;
 * signed-in viewers who comment the keyword before the draw enter once. At the draw time a durable
 * timer draws the winners from the bag's seed (lucky-draw.ts): the seed's hash is public from the
 * start and the seed, entrants and winners after the draw, so anyone can recompute the result.
 */
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import { scheduleTimer } from '../timers/index.js';
import { checkLuckyBag, entersLuckyBag, roomNotLive, type LuckyBagInput } from './live-rules.js';
import { drawWinners, newSeed, seedHash } from './lucky-draw.js';
import { requireHost } from './rooms.js';
import { liveRuntime } from './runtime.js';

export const LUCKY_DRAW = 'live_lucky_draw';
const OPEN_CACHE_MS = 2000;

export interface LuckyBagView {
  id: string;
  roomId: string;
  keyword: string;
  prize: string;
  winnerCount: number;
  drawAt: number;
  status: 'open' | 'drawn';
  seedHash: string;
  /** Revealed after the draw. */
  seed: string | null;
  entrantCount: number;
  winners: Array<{ userId: string; userName: string }>;
}

export interface LuckyBagAudit extends LuckyBagView {
  entrants: Array<{ userId: string; userName: string; enteredAt: number }>;
}

type BagRow = {
  id: string;
  room_id: string;
  keyword: string;
  prize: string;
  winners: number;
  draw_at: number;
  seed: string;
  seed_hash: string;
  status: string;
  winner_ids: string | null;
};

function toView(r: BagRow, entrantCount: number, names: Map<string, string>): LuckyBagView {
  const winnerIds = r.winner_ids ? (JSON.parse(r.winner_ids) as string[]) : [];
  return {
    id: r.id,
    roomId: r.room_id,
    keyword: r.keyword,
    prize: r.prize,
    winnerCount: Number(r.winners),
    drawAt: Number(r.draw_at),
    status: r.status as 'open' | 'drawn',
    seedHash: r.seed_hash,
    seed: r.status === 'drawn' ? r.seed : null,
    entrantCount,
    winners: winnerIds.map((id) => ({ userId: id, userName: names.get(id) ?? '' })),
  };
}

export async function roomLuckyBags(db: Db | Tx, roomId: string): Promise<LuckyBagView[]> {
  const rows = await db
    .selectFrom('live_lucky_bags')
    .selectAll()
    .where('room_id', '=', roomId)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom('live_lucky_entrants')
    .select(['bag_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where(
      'bag_id',
      'in',
      rows.map((r) => r.id),
    )
    .groupBy('bag_id')
    .execute();
  const countOf = new Map(counts.map((c) => [c.bag_id, Number(c.n)]));
  const winnerIds = rows.flatMap((r) => (r.winner_ids ? (JSON.parse(r.winner_ids) as string[]) : []));
  const names = await entrantNames(
    db,
    rows.map((r) => r.id),
    winnerIds,
  );
  return rows.map((r) => toView(r, countOf.get(r.id) ?? 0, names));
}

async function entrantNames(db: Db | Tx, bagIds: string[], userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('live_lucky_entrants')
    .select(['user_id', 'user_name'])
    .where('bag_id', 'in', bagIds)
    .where('user_id', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.user_name]));
}

/** The bag with its entrants: what an auditor needs to recompute the winners. */
export async function luckyBagAudit(db: Db | Tx, bagId: string): Promise<LuckyBagAudit> {
  const r = await db.selectFrom('live_lucky_bags').selectAll().where('id', '=', bagId).executeTakeFirst();
  if (!r) throw new DomainError('NOT_FOUND', 'lucky bag not found', { what: 'lucky bag', id: bagId });
  const entrants = await db
    .selectFrom('live_lucky_entrants')
    .select(['user_id', 'user_name', 'entered_at'])
    .where('bag_id', '=', bagId)
    .orderBy('user_id')
    .execute();
  const names = new Map(entrants.map((e) => [e.user_id, e.user_name]));
  return {
    ...toView(r, entrants.length, names),
    entrants: entrants.map((e) => ({ userId: e.user_id, userName: e.user_name, enteredAt: Number(e.entered_at) })),
  };
}

export async function createLuckyBag(
  ctx: CoreContext,
  actor: Actor,
  roomId: string,
  input: LuckyBagInput,
): Promise<LuckyBagView> {
  const room = await requireHost(ctx.db, actor, roomId);
  if (room.status !== 'live') throw roomNotLive(room.status);
  const now = ctx.clock.now();
  const { keyword, prize } = checkLuckyBag(input, now);
  const id = newId('luckyBag', now);
  const seed = newSeed();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('live_lucky_bags')
      .values({
        id,
        room_id: roomId,
        keyword,
        prize,
        winners: input.winners,
        draw_at: input.drawAt,
        seed,
        seed_hash: seedHash(seed),
        status: 'open',
        winner_ids: null,
        drawn_at: null,
        created_at: now,
      })
      .execute();
    await scheduleTimer(tx, { kind: LUCKY_DRAW, subjectId: id, dueAt: input.drawAt }, now);
  });
  openBags.delete(roomId);
  const [view] = (await roomLuckyBags(ctx.db, roomId)).filter((b) => b.id === id);
  liveRuntime(ctx).publish({ roomId, kind: 'luckybag', bag: view });
  return view!;
}

const openBags = new Map<string, { at: number; bags: Array<{ id: string; keyword: string; drawAt: number }> }>();

/** A comment that is a lucky bag's keyword enters its author (once per bag, before the draw). Returns the bags entered. */
export async function enterLuckyBags(
  ctx: CoreContext,
  roomId: string,
  user: { id: string; name: string },
  comment: string,
): Promise<string[]> {
  const now = ctx.clock.now();
  let cached = openBags.get(roomId);
  if (!cached || performance.now() - cached.at > OPEN_CACHE_MS) {
    const rows = await ctx.db
      .selectFrom('live_lucky_bags')
      .select(['id', 'keyword', 'draw_at'])
      .where('room_id', '=', roomId)
      .where('status', '=', 'open')
      .execute();
    cached = {
      at: performance.now(),
      bags: rows.map((r) => ({ id: r.id, keyword: r.keyword, drawAt: Number(r.draw_at) })),
    };
    openBags.set(roomId, cached);
  }
  const matching = cached.bags.filter((b) => b.drawAt > now && entersLuckyBag(comment, b.keyword));
  if (matching.length === 0) return [];
  await ctx.db
    .insertInto('live_lucky_entrants')
    .values(matching.map((b) => ({ bag_id: b.id, user_id: user.id, user_name: user.name, entered_at: now })))
    .onConflict((oc) => oc.columns(['bag_id', 'user_id']).doNothing())
    .execute();
  return matching.map((b) => b.id);
}

/** Draws a bag (the timer's handler): entrants who entered before the draw time, winners from the seed. */
export async function drawLuckyBag(tx: Tx, ctx: CoreContext, bagId: string, now: number): Promise<void> {
  const bag = await tx.selectFrom('live_lucky_bags').selectAll().where('id', '=', bagId).executeTakeFirst();
  if (bag?.status !== 'open') return;
  const entrants = await tx
    .selectFrom('live_lucky_entrants')
    .select('user_id')
    .where('bag_id', '=', bagId)
    .where('entered_at', '<', bag.draw_at)
    .execute();
  const winners = drawWinners(
    bag.seed,
    entrants.map((e) => e.user_id),
    Number(bag.winners),
  );
  const res = await tx
    .updateTable('live_lucky_bags')
    .set({ status: 'drawn', winner_ids: JSON.stringify(winners), drawn_at: now })
    .where('id', '=', bagId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return;
  openBags.delete(bag.room_id);
  // Entries after the draw time do not count: drop them so the published entrants are exactly those drawn from.
  await tx
    .deleteFrom('live_lucky_entrants')
    .where('bag_id', '=', bagId)
    .where('entered_at', '>=', bag.draw_at)
    .execute();
  const [view] = (await roomLuckyBags(tx, bag.room_id)).filter((b) => b.id === bagId);
  liveRuntime(ctx).publish({ roomId: bag.room_id, kind: 'luckybag', bag: view });
}
