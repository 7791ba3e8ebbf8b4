/**
 * The set-based rebuild counts exactly what the incremental consumer counts: random client events
 * of every shape the events table can hold (every counted type and one that is not; on a video with
 * products of two shops, a shop's own video, a video without products, a video that is not there,
 * none; a product named or not, or not there; every attribution source, an unknown one and none; a
 * live room, a video or a malformed id as content; received on time or up to three days late),
 * paid orders through a video and through search, refunds, consumer runs at random points; then
 * every rollup, people row (both grains), first and last day seen, gap row and live minute's sales
 * after a rebuild from the start, and after a rebuild from a date, equals what the consumer kept.
 * On SQLite, and on PostgreSQL with DATABASE_URL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openTestCore, makePerson, makeShop, rollupsSnapshot } from '../test-support/index.js';
import { buyVia, videoOf } from '../affiliate/test-support/index.js';
import { createPlan } from '../affiliate/index.js';
import { cancelOrder } from '../orders/index.js';
import { sendRefunds } from '../ledger/test-support/index.js';
import { newId } from '../platform/index.js';
import { consumeRollups, rebuildRollups, COMMIT_GRACE_MS } from './consumer.js';
import { DAY_MS } from './time-buckets.js';

type Op =
  | {
      kind: 'event';
      type: number;
      actor: number;
      video: number;
      product: number;
      source: number;
      content: number;
      lateMs: number;
    }
  | { kind: 'order'; buyer: number; via: 'video' | 'search' | 'shelf'; qty: number }
  | { kind: 'refund'; pick: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'consume' };

const TYPES = ['impression', 'impression', 'product_tap', 'add_to_cart', 'favourite', 'like'];
const SOURCES = [null, '', 'video', 'feed', 'live', 'search', 'shelf', 'link', 'paid', 'cart', 'toString'];

const eventArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constant('event' as const),
  type: fc.nat(TYPES.length - 1),
  actor: fc.nat(5),
  video: fc.nat(6),
  product: fc.nat(5),
  source: fc.nat(SOURCES.length - 1),
  content: fc.nat(4),
  lateMs: fc.constantFrom(0, 0, 0, 5 * 60_000, 3 * 3_600_000, 30 * 3_600_000, 3 * DAY_MS),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: eventArb },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      buyer: fc.nat(1),
      via: fc.constantFrom('video' as const, 'search' as const, 'shelf' as const),
      qty: fc.integer({ min: 1, max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(9) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.constantFrom(2_000, 40 * 60_000, 5 * 3_600_000, DAY_MS, 2 * DAY_MS + 3_600_000),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('consume' as const) }) },
);

test('the set-based rebuild writes exactly the rows the incremental consumer kept', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 8, maxLength: 40 }), fc.nat(4), async (ops, fromDaysBack) => {
      const core = await openTestCore();
      try {
        const a = await makeShop(core, 'sr-a', 1000);
        const b = await makeShop(core, 'sr-b', 1000);
        const creator = await makePerson(core, 'sr-creator', ['creator'], false);
        const buyers = [await makePerson(core, 'sr-buyer1'), await makePerson(core, 'sr-buyer2')];
        await createPlan(core.ctx, a.owner, a.productId, { kind: 'general', rateBp: 1000 });
        // A creator's video with products of two shops, another with one, a shop's own video, one without products.
        const videos = [
          await videoOf(core, creator, [a.productId, b.productId]),
          await videoOf(core, creator, [a.productId]),
          await videoOf(core, b.owner, [b.productId], 'shop', b.shopId),
          await videoOf(core, creator, []),
          newId('video', core.clock.now()), // not in the videos table
          null,
          '',
        ];
        const products = [null, '', a.productId, b.productId, newId('product', core.clock.now()), a.productId];
        const contents = [null, newId('liveRoom', core.clock.now()), videos[0], 'lvr_short', ''];
        const paid: string[] = [];
        let n = 0;
        for (const op of ops) {
          if (op.kind === 'event') {
            const now = core.clock.now();
            await core.ctx.db
              .insertInto('events')
              .values({
                id: newId('event', now),
                actor_key: `anon:sr-${op.actor}`,
                user_id: null,
                type: TYPES[op.type]!,
                video_id: videos[op.video] ?? null,
                product_id: products[op.product] ?? null,
                watch_ms: null,
                duration_ms: null,
                at: now - op.lateMs,
                client_event_id: `sr-${n++}`,
                received_at: now,
                source: SOURCES[op.source] ?? null,
                content_id: contents[op.content] ?? null,
              })
              .execute();
          } else if (op.kind === 'order') {
            const attribution =
              op.via === 'video' ? { source: 'video' as const, contentId: videos[0]! } : { source: op.via };
            paid.push(await buyVia(core, buyers[op.buyer]!, a.skuIds[0]!, attribution, op.qty));
          } else if (op.kind === 'refund' && paid.length) {
            const [orderId] = paid.splice(op.pick % paid.length, 1);
            const { buyer_id } = await core.ctx.db
              .selectFrom('orders')
              .select('buyer_id')
              .where('id', '=', orderId!)
              .executeTakeFirstOrThrow();
            await cancelOrder(core.ctx, buyers.find((x) => x.userId === buyer_id)!, orderId!, '不想要了');
            await sendRefunds(core);
          } else if (op.kind === 'advance') {
            core.clock.advance(op.ms);
          } else if (op.kind === 'consume') {
            await consumeRollups(core.ctx);
          }
        }
        core.clock.advance(COMMIT_GRACE_MS + 1);
        // The consumer's runs are bounded: run it until it has caught up.
        for (let i = 0; i < 50; i++) {
          const { position } = await consumeRollups(core.ctx);
          if (position >= core.clock.now() - COMMIT_GRACE_MS) break;
        }
        const incremental = await rollupsSnapshot(core.ctx.db);
        const counted = incremental.rollupsDaily
          .filter((r) => r.scope === 'platform' && r.dim === 'total')
          .reduce((s, r) => s + Number(r.impressions) + Number(r.clicks) + Number(r.carts) + Number(r.favourites), 0);
        const stored = await core.ctx.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('type', 'in', ['impression', 'product_tap', 'add_to_cart', 'favourite'])
          .executeTakeFirstOrThrow();
        assert.equal(counted, Number(stored.n), 'the consumer counted every stored event');

        await rebuildRollups(core.ctx, null);
        const recount = await rollupsSnapshot(core.ctx.db);
        for (const k of Object.keys(incremental) as Array<keyof typeof incremental>)
          assert.deepEqual(recount[k], incremental[k], `a rebuild from the start: ${k}`);

        await rebuildRollups(core.ctx, core.clock.now() - fromDaysBack * DAY_MS);
        const partial = await rollupsSnapshot(core.ctx.db);
        for (const k of Object.keys(incremental) as Array<keyof typeof incremental>)
          assert.deepEqual(partial[k], incremental[k], `a rebuild from ${fromDaysBack} days back: ${k}`);

        // Windows cut at every third event (as a busy week is cut at its 50,000th) count the same.
        const steps: Array<[number, number]> = [];
        await rebuildRollups(core.ctx, null, (done, total) => steps.push([done, total]), undefined, 3);
        const small = await rollupsSnapshot(core.ctx.db);
        // Progress never goes back and ends at its total, however the windows were cut.
        assert.ok(
          steps.every(([d, t], i) => d <= t && (i === 0 || d >= steps[i - 1]![0])),
          JSON.stringify(steps),
        );
        assert.equal(steps.at(-1)?.[0], steps.at(-1)?.[1]);
        for (const k of Object.keys(incremental) as Array<keyof typeof incremental>)
          assert.deepEqual(small[k], incremental[k], `a rebuild in windows of three events: ${k}`);
      } finally {
        await core.dispose();
      }
    }),
    { numRuns: process.env.DATABASE_URL ? 5 : 15, verbose: 1 },
  );
});
