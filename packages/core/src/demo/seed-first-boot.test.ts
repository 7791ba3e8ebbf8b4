/**
 * The demo is seeded relative to the first start: whatever the date, the worker's first rounds find
 * no deadline already passed, so no late-shipment compensation, violation point, automatic
 * confirmation or automatic approval fires on the first boot. (The same full seed also shows the
 * demo live room looping a video of its own goods, and the seed's progress reports: a full seed is the
 * costliest step of the suite, so the file's tests share one.)
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore, type TestCore } from '../test-support/index.js';
import { seedDemo } from './seed.js';
import {
  DEMO_AUTO_CONFIRM_DAYS,
  DEMO_SHORTEST_SHIP_BY_HOURS,
  demoOpenDeadline,
  demoOrderPlacedAt,
  type DemoOrderPlan,
} from './order-timeline.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIRST_START = Date.UTC(2031, 2, 15, 9, 30);

interface Seeded {
  core: TestCore;
  /** Whether seedDemo said it seeded. */
  seeded: boolean;
  /** Each progress stage in the order first reported, and its last report. */
  order: string[];
  last: Map<string, { done: number; total: number }>;
}

let seeding: Promise<Seeded> | null = null;
/** The demo seeded once for this file, on an arbitrary date, recording every progress report. */
function seededDemo(): Promise<Seeded> {
  seeding ??= (async () => {
    const core = await openTestCore();
    try {
      core.clock.set(FIRST_START);
      const last = new Map<string, { done: number; total: number }>();
      const order: string[] = [];
      const seeded = await seedDemo(core, (stage, done, total) => {
        if (!last.has(stage)) order.push(stage);
        last.set(stage, { done, total });
      });
      return { core, seeded, order, last };
    } catch (error) {
      await core.dispose();
      throw error;
    }
  })();
  return seeding;
}

after(async () => {
  if (seeding) await (await seeding.catch(() => null))?.core.dispose();
});

test('every order the timeline leaves waiting on a deadline has it ahead of the first start', () => {
  const firstStart = Date.UTC(2029, 6, 1, 0, 0);
  const plans: DemoOrderPlan[] = ['completed', 'shipped', 'paid', 'cancelled', 'refunded', 'delivered'];
  for (const plan of plans) {
    for (let daysAgo = 1; daysAgo <= 40; daysAgo += 3) {
      for (let spread = 0; spread < 30; spread += 7) {
        const placedAt = demoOrderPlacedAt(firstStart, plan, firstStart - daysAgo * DAY, spread);
        assert.ok(placedAt < firstStart, `${plan} placed before the first start`);
        const due = demoOpenDeadline(plan, placedAt);
        if (due !== null) assert.ok(due > firstStart + HOUR, `${plan} (${daysAgo} days ago): its deadline is ahead`);
      }
    }
  }
  // Closed orders keep their place in the history.
  assert.equal(demoOrderPlacedAt(firstStart, 'completed', firstStart - 20 * DAY, 3), firstStart - 20 * DAY);
  // What the timeline guards against: a paid order left where the history would have put it.
  assert.ok(demoOpenDeadline('paid', firstStart - 20 * DAY)! < firstStart);
  assert.ok(DEMO_SHORTEST_SHIP_BY_HOURS <= 48 && DEMO_AUTO_CONFIRM_DAYS === 7);
});

test('seeded on an arbitrary date, the first worker rounds fire no deadline and apply no penalty', async () => {
  const { core, seeded } = await seededDemo();
  const firstStart = FIRST_START;
  assert.equal(seeded, true);

  const before = await core.ctx.db.selectFrom('orders').select(['id', 'status']).orderBy('id').execute();
  const waiting = await core.ctx.db
    .selectFrom('timers')
    .select(['kind', 'subject_id', 'due_at'])
    .where('status', '=', 'pending')
    .execute();
  assert.ok(
    waiting.some((t) => t.kind === 'ship_by'),
    'paid orders wait to be shipped',
  );
  assert.ok(
    waiting.some((t) => t.kind === 'auto_confirm'),
    'delivered orders wait for the buyer',
  );
  // The earliest: the demo shopper's unpaid order, inside its payment window.
  for (const t of waiting)
    assert.ok(
      Number(t.due_at) > firstStart + 10 * MINUTE,
      `${t.kind} of ${t.subject_id} is due ${(Number(t.due_at) - firstStart) / MINUTE} min after the first start`,
    );

  // The worker's first round, and another ten minutes later.
  await core.tick();
  core.clock.advance(10 * MINUTE);
  await core.tick();

  const fired = await core.ctx.db
    .selectFrom('timers')
    .select(['kind', 'subject_id'])
    .where('fired_at', '>=', firstStart)
    .execute();
  assert.deepEqual(fired, [], 'no deadline fired');
  const late = await core.ctx.db.selectFrom('orders').select('id').where('late_at', 'is not', null).execute();
  assert.deepEqual(late, [], 'no order flagged late');
  const violations = await core.ctx.db.selectFrom('violations').selectAll().execute();
  assert.deepEqual(violations, [], 'no violation points');
  const after = await core.ctx.db.selectFrom('orders').select(['id', 'status']).orderBy('id').execute();
  assert.deepEqual(after, before, 'no order changed status');

  // The demo room loops a video of its own goods: one of the host's, carrying the pinned product.
  const room = await core.ctx.db
    .selectFrom('live_rooms')
    .selectAll()
    .where('status', '=', 'live')
    .executeTakeFirstOrThrow();
  const looped = await core.ctx.db
    .selectFrom('videos')
    .innerJoin('video_anchors', 'video_anchors.video_id', 'videos.id')
    .select('videos.id')
    .where('videos.owner_id', '=', room.host_id)
    .where('video_anchors.product_id', '=', room.pinned_product_id!)
    .where('videos.file_name', '=', room.fallback_video_url!.split('/').pop()!)
    .execute();
  assert.ok(looped.length > 0, `the room loops ${room.fallback_video_url}, a video of its pinned product`);
});

test('demo seeding reports every stage through to 100 %', async () => {
  const { order, last } = await seededDemo();
  assert.ok(order.length >= 10, `stages reported: ${order.join(', ')}`);
  const unfinished = [...last]
    .filter(([, p]) => p.done !== p.total || p.total <= 0)
    .map(([s, p]) => `${s} ${p.done}/${p.total}`);
  assert.deepEqual(unfinished, [], 'every stage ends at done = total');
});
