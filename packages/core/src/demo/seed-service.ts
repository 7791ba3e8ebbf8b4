/**
 * Demo customer-service conversations, loaded through the service so the desk and its figures
 * are not empty: two answered conversations of the fruit shop of `demo-merchant` over the last
 * days (one quick, rated 5; one slow, rated 2), one waiting in its queue now, and one of the
 * shopper's with a second shop; the fruit shop's quick replies and a keyword FAQ answer.
 */
import type { Actor, CoreContext } from '../context.js';
import type { ManualClock } from '../platform/index.js';
import { addSnippet, openConversation, rateConversation, sendMessage } from '../service/index.js';

const HOUR = 3600 * 1000;
const OFFSET = 8 * HOUR;
const DAY = 24 * HOUR;

/** `hour`:00 Asia/Shanghai, `daysAgo` days before the day of `now`. */
const shanghaiAt = (now: number, daysAgo: number, hour: number) =>
  Math.floor((now + OFFSET) / DAY) * DAY - OFFSET - daysAgo * DAY + hour * HOUR;

export async function seedDemoService(input: {
  ctx: CoreContext;
  clock: ManualClock;
  people: Map<string, Actor>;
  realNow: number;
}): Promise<void> {
  const { ctx, clock, people, realNow } = input;
  const fruit = people.get('demo-merchant');
  const fruitShop = fruit ? [...fruit.shops.keys()][0] : undefined;
  if (!fruit || !fruitShop) return;
  const product = await ctx.db
    .selectFrom('products')
    .select('id')
    .where('shop_id', '=', fruitShop)
    .where('status', '=', 'listed')
    .orderBy('id')
    .executeTakeFirst();
  if (!product) return;
  let n = 0;
  const say = async (who: Actor, conversationId: string, text: string, at: number) => {
    clock.set(at);
    await sendMessage(ctx, who, conversationId, { clientId: `demo-${++n}`, kind: 'text', text });
  };

  clock.set(realNow - 3 * DAY);
  for (const text of [
    '亲，在的，请问有什么可以帮您？',
    '今天下单，明天顺丰发出，一般 2–3 天到。',
    '坏果包赔，签收后 48 小时内拍照联系我们即可。',
  ])
    await addSnippet(ctx, fruit, fruitShop, { kind: 'quick', text });
  await addSnippet(ctx, fruit, fruitShop, {
    kind: 'faq',
    keyword: '发货',
    text: '下单后 48 小时内顺丰发出，偏远地区会晚 1–2 天。',
  });

  const b1 = people.get('buyer-01');
  if (b1) {
    const t0 = shanghaiAt(realNow, 2, 10);
    clock.set(t0);
    const c = await openConversation(ctx, b1, { source: 'product', sourceId: product.id });
    clock.set(t0 + 1000);
    await sendMessage(ctx, b1, c.id, { clientId: `demo-${++n}`, kind: 'product', productId: product.id });
    await say(b1, c.id, '这个橙子甜不甜？送长辈的', t0 + 5_000);
    await say(fruit, c.id, '很甜的，糖度 13 度以上，送长辈很合适～', t0 + 50_000);
    await say(b1, c.id, '好的，谢谢', t0 + 120_000);
    await say(fruit, c.id, '不客气，欢迎再来～', t0 + 150_000);
    clock.set(t0 + 600_000);
    await rateConversation(ctx, b1, c.id, 5);
  }
  const b2 = people.get('buyer-02');
  if (b2) {
    const t0 = shanghaiAt(realNow, 1, 21);
    clock.set(t0);
    const c = await openConversation(ctx, b2, { source: 'direct', shopId: fruitShop });
    await say(b2, c.id, '我的快递三天了还没动，怎么回事？', t0 + 1000);
    await say(fruit, c.id, '抱歉让您久等了，我们马上联系快递核实。', t0 + 4 * 60_000 + 1000);
    clock.set(t0 + 30 * 60_000);
    await rateConversation(ctx, b2, c.id, 2);
  }
  const b3 = people.get('buyer-03');
  if (b3) {
    const t0 = realNow - 20 * 60_000;
    clock.set(t0);
    const c = await openConversation(ctx, b3, { source: 'product', sourceId: product.id });
    await say(b3, c.id, '能帮我改一下收货地址吗？', t0 + 1000);
  }
  const shopper = people.get('demo-shopper');
  const other = [...people.values()].find((p) => p !== fruit && p.shops.size > 0);
  const otherShop = other ? [...other.shops.keys()][0] : undefined;
  if (shopper && other && otherShop) {
    const t0 = shanghaiAt(realNow, 1, 15);
    clock.set(t0);
    const c = await openConversation(ctx, shopper, { source: 'direct', shopId: otherShop });
    await say(shopper, c.id, '请问可以开发票吗？', t0 + 1000);
    await say(other, c.id, '可以的，下单时备注发票抬头，发货后发到您的邮箱。', t0 + 90_000);
  }
}
