/** The shop's own memo on an order (卖家备注) with a flag colour (0 grey … 5 red); only the shop sees it. */
import type { Actor, CoreContext } from '../context.js';
import { invalid, notFound } from '../platform/index.js';

export const SELLER_REMARK_MAX = 60;
export const SELLER_REMARK_STARS = 5;

/** Sets (or, with `append`, adds a line to) the memo; the flag is kept when `star` is absent. */
export async function setSellerRemark(
  ctx: CoreContext,
  actor: Actor,
  orderId: string,
  input: { remark: string; star?: number | undefined; append?: boolean },
): Promise<{ remark: string; star: number }> {
  const text = input.remark.trim();
  if (text.length === 0 || text.length > SELLER_REMARK_MAX)
    throw invalid(`remark must be 1–${SELLER_REMARK_MAX} characters`, { field: 'remark' });
  if (input.star !== undefined && (!Number.isInteger(input.star) || input.star < 0 || input.star > SELLER_REMARK_STARS))
    throw invalid('star must be 0–5', { field: 'star' });
  return ctx.db.transaction().execute(async (tx) => {
    const o = await tx
      .selectFrom('orders')
      .select(['shop_id', 'seller_remark', 'seller_remark_star'])
      .where('id', '=', orderId)
      .executeTakeFirst();
    if (!o || !actor.shops.has(o.shop_id)) throw notFound('order', orderId);
    const remark = input.append && o.seller_remark ? `${o.seller_remark}\n${text}`.slice(-500) : text;
    const star = input.star ?? Number(o.seller_remark_star);
    await tx
      .updateTable('orders')
      .set({ seller_remark: remark, seller_remark_star: star, updated_at: ctx.clock.now() })
      .where('id', '=', orderId)
      .execute();
    return { remark, star };
  });
}
