/**
 * After random orders (through videos, a live room, the shelf, search, from buyers in different
 * provinces), refunds, impressions and taps (some arriving hours late), add-to-carts and
 * favourites, consumer runs and restarts at random points, every rollup, every distinct-people
 * row (and each person's first and last day seen) and every live room minute's sales equals a
 * recount from the raw rows (a rebuild from the start, then from a date), and the channel
 * split agrees with the order lines' attribution snapshot.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openTestCore, makePerson, type TestCore } from '../test-support/index.js';
import { makeWorld, buyVia, videoOf } from '../affiliate/test-support/index.js';
import { createPlan } from '../affiliate/index.js';
import { cancelOrder } from '../orders/index.js';
import { sendRefunds } from '../ledger/test-support/index.js';
import { ingestEvents } from '../events/index.js';
import { consumeRollups, rebuildRollups, COMMIT_GRACE_MS } from './consumer.js';
import { SqlRollupStore } from './rollup-store.js';
import { lineChannel } from './channels.js';
import { putCartItem } from '../cart/index.js';
import { shanghaiDayStart } from './time-buckets.js';
import { gapsOfDays, keepsGaps } from './people-gaps.js';
import type { Dimension } from './aggregate.js';
import { addFavourite } from '../favourites/index.js';
import { loadActor, addAddress } from '../accounts/index.js';
import { createRoom, openRoom } from '../live/index.js';
import { rollupsSnapshot } from '../test-support/index.js';

type Op =
  | { kind: 'order'; buyer: number; sku: number; qty: number; via: 'video' | 'shelf' | 'search' | 'live' }
  | { kind: 'cart'; buyer: number; sku: number; via: 'video' | 'shelf' | 'search' | 'live' }
  | { kind: 'fav'; buyer: number }
  | { kind: 'refund'; pick: number }
  | { kind: 'event'; viewer: number; tap: boolean; lateMin: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'consume'; restart: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    buyer: fc.nat(2),
    sku: fc.nat(1),
    qty: fc.integer({ min: 1, max: 3 }),
    via: fc.constantFrom('video' as const, 'shelf' as const, 'search' as const, 'live' as const),
  }),
  fc.record({
    kind: fc.constant('cart' as const),
    buyer: fc.nat(2),
    sku: fc.nat(1),
    via: fc.constantFrom('video' as const, 'shelf' as const, 'search' as const, 'live' as const),
  }),
  fc.record({ kind: fc.constant('fav' as const), buyer: fc.nat(2) }),
  fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(20) }),
  fc.record({
    kind: fc.constant('event' as const),
    viewer: fc.nat(4),
    tap: fc.boolean(),
    lateMin: fc.constantFrom(0, 0, 5, 90, 600),
  }),
  fc.record({
    kind: fc.constant('advance' as const),
    ms: fc.constantFrom(200, 900, 5_000, 40 * 60_000, 3 * 3_600_000),
  }),
  fc.record({ kind: fc.constant('consume' as const), restart: fc.boolean() }),
);

const snapshot = (core: TestCore) => rollupsSnapshot(core.ctx.db);

test('rollups kept incrementally equal a recount from the raw rows, through late events, refunds and restarts', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 22 }), async (ops) => {
      const core = await openTestCore();
      try {
        const w = await makeWorld(core, 'cp');
        const buyers = [w.buyer, await makePerson(core, 'cp-b2'), await makePerson(core, 'cp-b3')];
        await createPlan(core.ctx, w.shop.owner, w.shop.productId, { kind: 'general', rateBp: 1000 });
        const video = await videoOf(core, w.creator, [w.shop.productId]);
        const host = await loadActor(core.ctx.db, w.shop.owner.userId);
        const { id: room } = await createRoom(core.ctx, host, { title: 'cp 直播间', shopId: w.shop.shopId });
        await openRoom(core.ctx, host, room);
        // Buyers in different provinces (the audience's regions come from the order's address snapshot).
        for (const [i, b] of buyers.entries()) {
          if (i > 0)
            await addAddress(core.ctx, b, {
              name: '李四',
              phone: '13800002222',
              ...[
                { province: '广东省', city: '广州市', district: '天河区' },
                { province: '上海市', city: '上海市', district: '浦东新区' },
              ][i - 1]!,
              detail: '1 号',
              isDefault: true,
            });
        }
        const attributionOf = (via: 'video' | 'shelf' | 'search' | 'live') =>
          via === 'video'
            ? { source: 'video' as const, contentId: video }
            : via === 'live'
              ? { source: 'live' as const, contentId: room }
              : { source: via };
        const paid: string[] = [];
        let n = 0;
        for (const op of ops) {
          if (op.kind === 'cart') {
            await putCartItem(core.ctx, buyers[op.buyer]!, {
              skuId: w.shop.skuIds[op.sku]!,
              quantity: 1,
              attribution: attributionOf(op.via),
            });
          } else if (op.kind === 'fav') {
            await addFavourite(core.ctx, buyers[op.buyer]!, w.shop.productId);
          } else if (op.kind === 'order') {
            paid.push(await buyVia(core, buyers[op.buyer]!, w.shop.skuIds[op.sku]!, attributionOf(op.via), op.qty));
          } else if (op.kind === 'refund' && paid.length) {
            const [orderId] = paid.splice(op.pick % paid.length, 1);
            const buyerOf = (
              await core.ctx.db
                .selectFrom('orders')
                .select('buyer_id')
                .where('id', '=', orderId!)
                .executeTakeFirstOrThrow()
            ).buyer_id;
            await cancelOrder(core.ctx, buyers.find((b) => b.userId === buyerOf)!, orderId!, '不想要了');
            await sendRefunds(core);
          } else if (op.kind === 'event') {
            const at = core.clock.now() - op.lateMin * 60_000;
            await ingestEvents(core.ctx, { viewerId: `viewer-${op.viewer}` }, [
              op.tap
                ? { type: 'product_tap', videoId: video, productId: w.shop.productId, at, clientEventId: `c${n++}` }
                : { type: 'impression', videoId: video, at, clientEventId: `c${n++}` },
            ]);
          } else if (op.kind === 'advance') {
            core.clock.advance(op.ms);
          } else if (op.kind === 'consume') {
            await consumeRollups(core.ctx, op.restart ? new SqlRollupStore(core.ctx.db) : undefined);
          }
        }
        core.clock.advance(COMMIT_GRACE_MS + 1);
        await consumeRollups(core.ctx);
        const incremental = await snapshot(core);

        // Attribution: the platform's channel split equals the paid lines grouped by their snapshot.
        const lines = await core.ctx.db
          .selectFrom('order_lines')
          .innerJoin('orders', 'orders.id', 'order_lines.order_id')
          .select([
            'order_lines.line_total_fen',
            'order_lines.attr_source',
            'order_lines.attr_creator_id',
            'order_lines.plan_kind',
          ])
          .where('orders.paid_at', 'is not', null)
          .execute();
        const expected = new Map<string, number>();
        for (const l of lines) {
          const ch = lineChannel(l.attr_source, l.plan_kind !== null ? l.attr_creator_id : null);
          expected.set(ch, (expected.get(ch) ?? 0) + Number(l.line_total_fen));
        }
        const byChannel = new Map<string, number>();
        for (const r of incremental.rollupsDaily)
          if (r.scope === 'platform' && r.dim === 'channel')
            byChannel.set(String(r.dim_id), (byChannel.get(String(r.dim_id)) ?? 0) + Number(r.gmv_fen));
        for (const [ch, fen] of expected) assert.equal(byChannel.get(ch) ?? 0, fen, `GMV of channel ${ch}`);
        const refunded = await core.ctx.db
          .selectFrom('refunds')
          .select((eb) => eb.fn.sum<number>('amount_fen').as('s'))
          .where('status', '=', 'succeeded')
          .executeTakeFirst();
        const refundRollup = incremental.rollups
          .filter((r) => r.scope === 'platform' && r.dim === 'total')
          .reduce((a, r) => a + Number(r.refund_fen), 0);
        assert.equal(refundRollup, Number(refunded?.s ?? 0), 'refunds');
        // Add-to-carts and favourites: one each per event the cart and favourites recorded.
        const recorded = await core.ctx.db
          .selectFrom('events')
          .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
          .where('type', 'in', ['add_to_cart', 'favourite'])
          .groupBy('type')
          .execute();
        const countOf = (t: string) => Number(recorded.find((r) => r.type === t)?.n ?? 0);
        const platformTotal = (c: 'carts' | 'favourites') =>
          incremental.rollups
            .filter((r) => r.scope === 'platform' && r.dim === 'total')
            .reduce((a, r) => a + Number(r[c]), 0);
        assert.equal(platformTotal('carts'), countOf('add_to_cart'), 'add-to-carts');
        assert.equal(platformTotal('favourites'), countOf('favourite'), 'favourites');
        // The live room's minutes: the GMV of the paid lines credited to the room.
        const liveLines = lines
          .filter((l) => l.attr_source === 'live')
          .reduce((a, l) => a + Number(l.line_total_fen), 0);
        assert.equal(
          incremental.minutes.reduce((a, m) => a + Number(m.gmv_fen), 0),
          liveLines,
          'live minutes GMV',
        );

        await rebuildRollups(core.ctx, null);
        const recount = await snapshot(core);
        assert.deepEqual(incremental.rollups, recount.rollups);
        assert.deepEqual(incremental.people, recount.people);
        assert.deepEqual(incremental.rollupsDaily, recount.rollupsDaily);
        assert.deepEqual(incremental.peopleDaily, recount.peopleDaily);
        assert.deepEqual(incremental.seen, recount.seen, 'first and last days seen');
        assert.deepEqual(incremental.gaps, recount.gaps, 'gap rows');
        // Each person's first and last day seen are their day rows' earliest and latest (totals and channels).
        const span = new Map<string, [number, number]>();
        for (const p of recount.peopleDaily.filter((r) => keepsGaps(r.dim as Dimension))) {
          const k = `${p.scope}|${p.scope_id}|${p.dim}|${p.dim_id}|${p.kind}|${p.person}`;
          const d = Number(p.day);
          const [f, l] = span.get(k) ?? [d, d];
          span.set(k, [Math.min(f, d), Math.max(l, d)]);
        }
        assert.deepEqual(
          recount.seen
            .map(
              (r) => `${r.scope}|${r.scope_id}|${r.dim}|${r.dim_id}|${r.kind}|${r.person}|${r.first_day}|${r.last_day}`,
            )
            .sort(),
          [...span].map(([k, [f, l]]) => `${k}|${f}|${l}`).sort(),
          'first and last days seen are the day rows’',
        );
        // The gap rows are the day rows' people by days since they were last seen.
        assert.deepEqual(
          recount.gaps
            .map((g) => `${g.scope}|${g.scope_id}|${g.dim}|${g.dim_id}|${g.kind}|${g.day}|${g.gap}|${g.n}`)
            .sort(),
          [...gapsOfDays(recount.peopleDaily as unknown as Parameters<typeof gapsOfDays>[0])]
            .map(([k, n]) => `${k}|${n}`)
            .sort(),
          'gap rows are the day rows’',
        );
        // The day rows are the hour rows added up by Shanghai day (the totals, kept at both grains).
        const byDay = new Map<string, number>();
        for (const r of recount.rollups) {
          const k = `${r.scope}|${r.scope_id}|${shanghaiDayStart(Number(r.hour))}`;
          byDay.set(k, (byDay.get(k) ?? 0) + Number(r.gmv_fen) + Number(r.impressions) + Number(r.refund_fen));
        }
        for (const r of recount.rollupsDaily.filter((d) => d.dim === 'total')) {
          assert.equal(
            byDay.get(`${r.scope}|${r.scope_id}|${Number(r.day)}`) ?? 0,
            Number(r.gmv_fen) + Number(r.impressions) + Number(r.refund_fen),
            'a day is its hours',
          );
        }
        const peopleOfDay = (rows: Array<Record<string, unknown>>, col: string) =>
          new Set(
            rows
              .filter((p) => p.dim === 'total')
              .map((p) => `${p.scope}|${p.scope_id}|${p.kind}|${p.person}|${shanghaiDayStart(Number(p[col]))}`),
          );
        assert.deepEqual(
          [...peopleOfDay(recount.people, 'hour')].sort(),
          [...peopleOfDay(recount.peopleDaily, 'day')].sort(),
          'a day’s people are its hours’ people',
        );
        assert.deepEqual(incremental.minutes, recount.minutes);
        // A rebuild from a date (the day before the last) recounts the same.
        await rebuildRollups(core.ctx, core.clock.now() - 86_400_000);
        const partial = await snapshot(core);
        assert.deepEqual(partial.peopleDaily, recount.peopleDaily, 'a rebuild from a date: people');
        assert.deepEqual(partial.seen, recount.seen, 'a rebuild from a date: first and last days seen');
        assert.deepEqual(partial.gaps, recount.gaps, 'a rebuild from a date: gap rows');
        assert.deepEqual(partial.rollupsDaily, recount.rollupsDaily, 'a rebuild from a date: rollups');
      } finally {
        await core.dispose();
      }
    }),
    { numRuns: process.env.DATABASE_URL ? 4 : 10, verbose: 1 },
  );
});

test('two consumers on one store (another process, or a run racing the worker) count each fact once', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'cq');
    await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'search' }, 2);
    core.clock.advance(COMMIT_GRACE_MS + 1);
    await consumeRollups(core.ctx);
    await buyVia(core, w.buyer, w.shop.skuIds[1]!, { source: 'search' }, 1);
    core.clock.advance(COMMIT_GRACE_MS + 1);
    // Two stores over the same database, as two processes would have: both read the same cursor.
    const a = new SqlRollupStore(core.ctx.db);
    const b = new SqlRollupStore(core.ctx.db);
    const from = (await a.cursor('compass'))!;
    const { factsInWindow } = await import('./facts.js');
    const { aggregate } = await import('./aggregate.js');
    const upTo = core.clock.now() - COMMIT_GRACE_MS;
    const batch = aggregate(await factsInWindow(core.ctx.db, from, upTo));
    const move = { name: 'compass', from, position: upTo, now: core.clock.now() };
    const results = await Promise.all([a.commit({ ...batch, cursor: move }), b.commit({ ...batch, cursor: move })]);
    assert.deepEqual(results.sort(), [false, true]);
    const total = await core.ctx.db
      .selectFrom('analytics_rollups')
      .select(['gmv_fen', 'orders'])
      .where('scope', '=', 'platform')
      .where('dim', '=', 'total')
      .execute();
    assert.deepEqual(
      [total.reduce((s, r) => s + Number(r.gmv_fen), 0), total.reduce((s, r) => s + Number(r.orders), 0)],
      [2 * 2990 + 4990, 2],
    );
  } finally {
    await core.dispose();
  }
});
