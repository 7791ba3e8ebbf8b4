import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadActor } from '../accounts/index.js';
import { addStaff } from '../catalog/index.js';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import type { Actor } from '../context.js';
import {
  addSnippet,
  closeConversation,
  deskView,
  putServiceSettings,
  setPresence,
  transferConversation,
} from './desk.js';
import {
  history,
  markRead,
  myConversations,
  myUnread,
  openConversation,
  purgeUnusedChatImages,
  rateConversation,
  setBlocked,
  uploadChatImage,
} from './conversations.js';
import { sendMessage } from './messages.js';
import { serviceFigures } from './figures.js';
import { RATE_LIMIT, SENDER_RATE_LIMIT } from './service-rules.js';

const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
let n = 0;
const cid = () => `c${++n}`;

async function rejects(p: Promise<unknown>, code: string, status: number): Promise<void> {
  await assert.rejects(p, (e: { code?: string; status?: number }) => {
    assert.equal(e.code, code);
    assert.equal(e.status, status);
    return true;
  });
}

async function staffOf(core: TestCore, owner: Actor, shopId: string, login: string): Promise<Actor> {
  const p = await makePerson(core, login, [], false);
  await addStaff(core.ctx, owner, shopId, login);
  return loadActor(core.ctx.db, p.userId);
}

const count = async (core: TestCore, table: 'service_messages' | 'violations') =>
  Number(
    (
      await core.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('a buyer asks from a product page, waits in the queue, staff going online takes it; sends are idempotent and sequenced; unread and receipts', async () => {
  const core = await openTestCore();
  try {
    // 10:00 Shanghai
    core.clock.set(Date.UTC(2026, 10, 23, 2, 0, 0));
    const shop = await makeShop(core, 'cs-shop');
    const buyer = await makePerson(core, 'cs-buyer');
    const outsider = await makePerson(core, 'cs-out');
    const conv = await openConversation(core.ctx, buyer, { source: 'product', sourceId: shop.productId });
    assert.equal(conv.shopId, shop.shopId);
    assert.equal(
      (await openConversation(core.ctx, buyer, { source: 'direct', shopId: shop.shopId })).id,
      conv.id,
      'one conversation per buyer and shop',
    );

    const first = await sendMessage(core.ctx, buyer, conv.id, { clientId: 'a1', kind: 'text', text: '这个橙子甜吗？' });
    assert.equal(first.message.seq, 1);
    const again = await sendMessage(core.ctx, buyer, conv.id, { clientId: 'a1', kind: 'text', text: '这个橙子甜吗？' });
    assert.equal(again.duplicate, true);
    assert.equal(again.message.id, first.message.id);
    assert.equal(await count(core, 'service_messages'), 1);
    assert.equal(
      (await deskView(core.ctx.db, shop.owner, shop.shopId)).queue.length,
      1,
      'nobody online: it waits in the queue',
    );

    await rejects(
      sendMessage(core.ctx, outsider, conv.id, { clientId: 'x', kind: 'text', text: 'hi' }),
      'NOT_FOUND',
      404,
    );
    await rejects(history(core.ctx.db, outsider, conv.id, {}), 'NOT_FOUND', 404);

    const staff = await staffOf(core, shop.owner, shop.shopId, 'cs-staff');
    const went = await setPresence(core.ctx, staff, shop.shopId, true);
    assert.deepEqual(went.assigned, [[conv.id, staff.userId]]);
    core.clock.advance(60_000);
    const answer = await sendMessage(core.ctx, staff, conv.id, {
      clientId: 's1',
      kind: 'text',
      text: '很甜的，今天现摘',
    });
    assert.equal(answer.message.seq, 2);
    assert.ok(answer.notify.includes(buyer.userId));
    assert.deepEqual(await myUnread(core.ctx.db, buyer), { total: 1, byShop: { [shop.shopId]: 1 } });
    const read = await markRead(core.ctx, buyer, conv.id, 2);
    assert.equal(read.readSeq, 2);
    assert.equal((await myUnread(core.ctx.db, buyer)).total, 0);
    assert.equal((await myConversations(core.ctx.db, buyer))[0]!.lastText, '很甜的，今天现摘');

    // Cards and images.
    const img = await uploadChatImage(core.ctx, buyer, TINY_PNG);
    await rejects(uploadChatImage(core.ctx, buyer, Buffer.from('not an image')), 'UNSUPPORTED_FILE_TYPE', 415);
    const pic = await sendMessage(core.ctx, buyer, conv.id, { clientId: cid(), kind: 'image', imageId: img.id });
    assert.equal(pic.message.body.url, img.url);
    const unused = await uploadChatImage(core.ctx, buyer, TINY_PNG);
    assert.equal(
      await purgeUnusedChatImages(core.ctx, core.clock.now() + 2 * 86_400_000),
      1,
      'only the image never sent goes',
    );
    await rejects(
      sendMessage(core.ctx, buyer, conv.id, { clientId: cid(), kind: 'image', imageId: unused.id }),
      'NOT_FOUND',
      404,
    );
    const card = await sendMessage(core.ctx, buyer, conv.id, {
      clientId: cid(),
      kind: 'product',
      productId: shop.productId,
    });
    assert.equal(card.message.body.title, '云南冰糖橙 新鲜现摘');
    const other = await makeShop(core, 'cs-other');
    await rejects(
      sendMessage(core.ctx, buyer, conv.id, { clientId: cid(), kind: 'product', productId: other.productId }),
      'NOT_FOUND',
      404,
    );

    // History: backwards by page, forwards from a sequence number.
    const page = await history(core.ctx.db, buyer, conv.id, { limit: 2 });
    assert.deepEqual(
      page.items.map((m) => m.seq),
      [3, 4],
    );
    assert.equal(page.hasMore, true);
    assert.deepEqual(
      (await history(core.ctx.db, buyer, conv.id, { before: 3 })).items.map((m) => m.seq),
      [1, 2],
    );
    assert.deepEqual(
      (await history(core.ctx.db, staff, conv.id, { after: 2 })).items.map((m) => m.seq),
      [3, 4],
    );

    // Staff of another shop do not see it.
    await rejects(history(core.ctx.db, other.owner, conv.id, {}), 'NOT_FOUND', 404);

    // Rating once per session.
    await rateConversation(core.ctx, buyer, conv.id, 5);
    await rejects(rateConversation(core.ctx, buyer, conv.id, 4), 'ALREADY_RATED', 409);

    const figures = await serviceFigures(core.ctx.db, shop.shopId, {
      from: Date.UTC(2026, 10, 22, 16),
      to: Date.UTC(2026, 10, 23, 16),
    });
    assert.equal(figures.conversations, 1);
    assert.equal(figures.buyerMessages, 3);
    assert.equal(figures.repliedWithin3Min, 1);
    assert.equal(figures.firstResponseAvgMs, 60_000);
    assert.equal(figures.unanswered, 1, 'the image and card after the answer wait for a reply');
    assert.equal(figures.ratings, 1);
    assert.equal(figures.dissatisfiedShare, 0);
  } finally {
    await core.dispose();
  }
});

test('round robin with a cap per person, transfer, close frees a slot; FAQ and away replies are automatic and never a human reply', async () => {
  const core = await openTestCore();
  try {
    core.clock.set(Date.UTC(2026, 10, 23, 2, 0, 0));
    const shop = await makeShop(core, 'rr-shop');
    const a = await staffOf(core, shop.owner, shop.shopId, 'rr-a');
    const b = await staffOf(core, shop.owner, shop.shopId, 'rr-b');
    await putServiceSettings(core.ctx, shop.owner, shop.shopId, { maxOpen: 1, hoursFrom: 0, hoursTo: 0, awayText: '' });
    await setPresence(core.ctx, a, shop.shopId, true);
    await setPresence(core.ctx, b, shop.shopId, true);
    const buyers = await Promise.all(['rr-1', 'rr-2', 'rr-3'].map((l) => makePerson(core, l)));
    const convs = [];
    for (const buyer of buyers) {
      const c = await openConversation(core.ctx, buyer, { source: 'product', sourceId: shop.productId });
      await sendMessage(core.ctx, buyer, c.id, { clientId: cid(), kind: 'text', text: '在吗' });
      convs.push(c.id);
      core.clock.advance(1000);
    }
    const da = await deskView(core.ctx.db, a, shop.shopId);
    const db = await deskView(core.ctx.db, b, shop.shopId);
    assert.equal(da.mine.length + db.mine.length, 2);
    assert.equal(da.mine.length, 1);
    assert.equal(da.queue.length, 1, 'the third waits: both are at their cap');
    await closeConversation(core.ctx, a, da.mine[0]!.id);
    const after = await deskView(core.ctx.db, a, shop.shopId);
    assert.equal(after.queue.length, 0);
    assert.equal(after.mine.length, 1, 'the freed slot took the waiting conversation');
    await transferConversation(core.ctx, a, after.mine[0]!.id, b.userId);
    assert.equal((await deskView(core.ctx.db, b, shop.shopId)).mine.length, 2);

    // FAQ and away replies.
    await addSnippet(core.ctx, shop.owner, shop.shopId, { kind: 'faq', keyword: '发货', text: '下单后 48 小时内发货' });
    await putServiceSettings(core.ctx, shop.owner, shop.shopId, {
      maxOpen: 5,
      hoursFrom: 9 * 60,
      hoursTo: 18 * 60,
      awayText: '客服已下班，明早回复您',
    });
    const faq = await sendMessage(core.ctx, buyers[0]!, convs[0]!, {
      clientId: cid(),
      kind: 'text',
      text: '什么时候发货？',
    });
    assert.equal(faq.autos.length, 1);
    assert.equal(faq.autos[0]!.auto, true);
    core.clock.set(Date.UTC(2026, 10, 23, 13, 0, 0)); // 21:00 Shanghai
    const away = await sendMessage(core.ctx, buyers[1]!, convs[1]!, { clientId: cid(), kind: 'text', text: '还在吗' });
    assert.equal(away.autos[0]?.body.text, '客服已下班，明早回复您');
    const away2 = await sendMessage(core.ctx, buyers[1]!, convs[1]!, { clientId: cid(), kind: 'text', text: '？' });
    assert.equal(away2.autos.length, 0, 'the away reply goes out once per wait');
    const f = await serviceFigures(core.ctx.db, shop.shopId, {
      from: Date.UTC(2026, 10, 22, 16),
      to: Date.UTC(2026, 10, 23, 16),
    });
    assert.equal(f.repliedWithin3Min, 0, 'automatic answers are not human replies');
    assert.equal(f.unanswered, 3);
  } finally {
    await core.dispose();
  }
});

test('red lines: a shop’s contacts are masked and recorded as diversion; rejected words refuse; floods are limited; blocks hold', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'rl-shop');
    const buyer = await makePerson(core, 'rl-buyer');
    const conv = await openConversation(core.ctx, buyer, { source: 'product', sourceId: shop.productId });
    await sendMessage(core.ctx, buyer, conv.id, { clientId: cid(), kind: 'text', text: '可以便宜点吗' });
    const masked = await sendMessage(core.ctx, shop.owner, conv.id, {
      clientId: cid(),
      kind: 'text',
      text: '加我电话 13912345678 私下聊',
    });
    assert.equal(masked.message.masked, true);
    assert.ok(!String(masked.message.body.text).includes('13912345678'));
    const v = await core.ctx.db.selectFrom('violations').select(['rule', 'subject_id']).execute();
    assert.deepEqual(v, [{ rule: 'off_platform_diversion', subject_id: shop.shopId }]);

    const before = await count(core, 'service_messages');
    await rejects(
      sendMessage(core.ctx, buyer, conv.id, { clientId: cid(), kind: 'text', text: '' }),
      'INVALID_INPUT',
      400,
    );
    await rejects(
      sendMessage(core.ctx, buyer, conv.id, { clientId: 'bad id!', kind: 'text', text: 'x' }),
      'INVALID_INPUT',
      400,
    );
    assert.equal(await count(core, 'service_messages'), before, 'nothing half-written');

    for (let i = 0; i < RATE_LIMIT - 1; i++)
      await sendMessage(core.ctx, buyer, conv.id, { clientId: cid(), kind: 'text', text: `第${i}条` });
    await rejects(
      sendMessage(core.ctx, buyer, conv.id, { clientId: cid(), kind: 'text', text: '再来' }),
      'RATE_LIMITED',
      429,
    );
    core.clock.advance(60_000);

    await setBlocked(core.ctx, shop.owner, conv.id, true);
    await rejects(
      sendMessage(core.ctx, buyer, conv.id, { clientId: cid(), kind: 'text', text: '你好' }),
      'CONVERSATION_BLOCKED',
      403,
    );
    await setBlocked(core.ctx, shop.owner, conv.id, false);
    await sendMessage(core.ctx, buyer, conv.id, { clientId: cid(), kind: 'text', text: '你好' });
  } finally {
    await core.dispose();
  }
});

test('a sender is limited across conversations too', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'fl-shop');
    const convs: string[] = [];
    for (let i = 0; i < Math.ceil(SENDER_RATE_LIMIT / (RATE_LIMIT - 1)) + 1; i++) {
      const buyer = await makePerson(core, `fl-buyer-${i}`, [], false);
      convs.push((await openConversation(core.ctx, buyer, { source: 'direct', shopId: shop.shopId })).id);
    }
    let sent = 0;
    let limited: unknown = null;
    outer: for (const c of convs) {
      for (let k = 0; k < RATE_LIMIT - 1; k++) {
        try {
          await sendMessage(core.ctx, shop.owner, c, { clientId: cid(), kind: 'text', text: `第${k}条` });
          sent++;
        } catch (e) {
          limited = e;
          break outer;
        }
      }
    }
    assert.equal(sent, SENDER_RATE_LIMIT);
    assert.equal((limited as { code?: string }).code, 'RATE_LIMITED');
  } finally {
    await core.dispose();
  }
});
