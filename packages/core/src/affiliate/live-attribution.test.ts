import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { addToBag, createRoom, endRoom, openRoom } from '../live/index.js';
import { createPlan } from './plans.js';
import { addToShowcase } from './showcase.js';
import { buyVia, lineOf, makeWorld } from './test-support/affiliate-fixtures.js';

test('a purchase from a creator’s live room is attributed to the host while the room is live, for products in its bag only', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'live-attr');
    const { ctx } = core;
    await createPlan(ctx, w.shop.owner, w.shop.productId, { kind: 'general', rateBp: 2000 });
    await addToShowcase(ctx, w.creator, { productId: w.shop.productId });
    const room = await createRoom(ctx, w.creator, { title: '果园直播' });
    const sku = w.shop.skuIds[0]!;
    const fromRoom = { source: 'live' as const, contentId: room.id, creatorId: w.creator.userId };

    const beforeBag = await lineOf(core, await buyVia(core, w.buyer, sku, fromRoom));
    const earns = (l: { creator_rate_bp: number; plan_kind: string | null }) =>
      Number(l.creator_rate_bp) > 0 && l.plan_kind !== null;
    assert.equal(earns(beforeBag), false, 'not in the bag: the claim is not verified, nobody earns');
    await addToBag(ctx, w.creator, room.id, w.shop.productId);
    const scheduled = await lineOf(core, await buyVia(core, w.buyer, sku, fromRoom));
    assert.equal(earns(scheduled), false, 'a room that has not opened earns nothing');

    await openRoom(ctx, w.creator, room.id);
    const live = await lineOf(core, await buyVia(core, w.buyer, sku, { ...fromRoom, creatorId: w.other.userId }));
    assert.deepEqual(
      [live.attr_source, live.attr_creator_id, live.attr_content_id, earns(live)],
      ['live', w.creator.userId, room.id, true],
      'the host earns, whatever creator the client names',
    );

    await endRoom(ctx, w.creator, room.id, async () => ({}));
    core.clock.advance(60_000);
    const afterEnd = await lineOf(
      core,
      await buyVia(core, w.buyer, sku, { source: 'live', contentId: room.id, creatorId: w.creator.userId }),
    );
    assert.equal(earns(afterEnd), false, 'a claim made after the room ended is not verified');
  } finally {
    await core.dispose();
  }
});
