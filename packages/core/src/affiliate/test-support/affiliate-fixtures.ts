/** Fixtures of the creator economy's tests: people in every role, and orders bought through a card. */
import type { Attribution } from '../attribution-rules.js';
import { checkout } from '../../checkout/index.js';
import { openCashier } from '../../payments/index.js';
import type { Actor } from '../../context.js';
import { newId } from '../../platform/index.js';
import { makePerson, makeShop, type ShopFixture, type TestCore } from '../../test-support/index.js';
import { deliverAll } from '../../ledger/test-support/index.js';

export interface World {
  shop: ShopFixture;
  buyer: Actor;
  creator: Actor;
  other: Actor;
  mcn: Actor;
  colonel: Actor;
}

export async function makeWorld(core: TestCore, prefix: string): Promise<World> {
  return {
    shop: await makeShop(core, `${prefix}-shop`, 1000),
    buyer: await makePerson(core, `${prefix}-buyer`),
    creator: await makePerson(core, `${prefix}-creator`, ['creator'], false),
    other: await makePerson(core, `${prefix}-other`, ['creator'], false),
    mcn: await makePerson(core, `${prefix}-mcn`, ['mcn'], false),
    colonel: await makePerson(core, `${prefix}-colonel`, ['colonel'], false),
  };
}

/** Checks out one SKU with the given attribution, pays at the sandbox cashier; returns the order id. */
export async function buyVia(
  core: TestCore,
  buyer: Actor,
  skuId: string,
  attribution: Attribution,
  quantity = 1,
  pay = true,
): Promise<string> {
  const c = (await checkout(core.ctx, buyer, { items: [{ skuId, quantity, attribution }] })).body;
  if (pay) {
    const txnId = (await openCashier(core.ctx, buyer, c.payment.id)).cashierUrl.split('/').pop()!;
    await core.sandbox.complete(txnId, 'paid');
    await deliverAll(core);
  }
  return c.orders[0]!.id;
}

export async function lineOf(core: TestCore, orderId: string) {
  return core.ctx.db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
}

/** A published video of the creator carrying the products (stored directly: the upload path is the content module's). */
export async function videoOf(
  core: TestCore,
  owner: Actor,
  productIds: string[],
  hostKind: 'creator' | 'shop' = 'creator',
  shopId: string | null = null,
): Promise<string> {
  const now = core.ctx.clock.now();
  const id = newId('video', now);
  await core.ctx.db
    .insertInto('videos')
    .values({
      id,
      owner_id: owner.userId,
      host_kind: hostKind,
      shop_id: shopId,
      title: '测试视频',
      caption: '',
      hashtags: '[]',
      status: 'published',
      file_name: `${id}.mp4`,
      content_type: 'video/mp4',
      bytes: 1,
      duration_ms: 1000,
      poster_file: null,
      views: 0,
      likes: 0,
      comments: 0,
      shares: 0,
      completions: 0,
      created_at: now,
      published_at: now,
      updated_at: now,
    })
    .execute();
  if (productIds.length)
    await core.ctx.db
      .insertInto('video_anchors')
      .values(productIds.map((p, position) => ({ video_id: id, product_id: p, position })))
      .execute();
  return id;
}
