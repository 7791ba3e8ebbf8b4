/**
 * Demo buyer reviews (商品评价): most buyers review a completed order an hour after confirming
 * receipt, mostly five stars, now and then a middling or a bad one, so product pages show ratings
 * and the shops' experience scores have a product dimension from the start. Deterministic.
 */
import type { Actor, CoreContext } from '../context.js';
import type { ManualClock } from '../platform/index.js';
import { createReview } from '../reviews/index.js';

const HOUR = 3_600_000;

const GOOD = [
  '很新鲜，包装也好，会回购',
  '味道不错，物流很快',
  '和描述一致，家里人都说好吃',
  '性价比高，发货及时',
  '品质稳定，第二次买了',
];
const MIDDLING = ['还可以，个头有大有小', '一般般，物流稍慢'];
const BAD = ['收到有几个坏的，不太满意', '和图片差距有点大'];

/** The `n`th review of the demo: its stars and text (every 4th line left unreviewed, every 29th bad, every 6th middling). */
export function demoReviewOf(
  n: number,
): { productStars: number; logisticsStars: number; serviceStars: number; text: string } | null {
  if (n % 4 === 2) return null;
  if (n % 29 === 3) return { productStars: 2, logisticsStars: 4, serviceStars: 3, text: BAD[n % BAD.length]! };
  if (n % 6 === 1) return { productStars: 4, logisticsStars: 3, serviceStars: 4, text: MIDDLING[n % MIDDLING.length]! };
  return { productStars: 5, logisticsStars: 5, serviceStars: 5, text: GOOD[n % GOOD.length]! };
}

/** The buyer reviews each line of a completed order an hour later (or skips it). */
export async function reviewDemoOrder(
  ctx: CoreContext,
  clock: ManualClock,
  buyer: Actor,
  orderId: string,
): Promise<void> {
  const lines = await ctx.db
    .selectFrom('order_lines')
    .select('id')
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  clock.advance(HOUR);
  // Position in the pattern: the orders completed so far (the seeding order is fixed, so every install gets the same).
  const completed = Number(
    (
      await ctx.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'completed')
        .executeTakeFirstOrThrow()
    ).n,
  );
  for (const [i, line] of lines.entries()) {
    const review = demoReviewOf(completed * 3 + i);
    if (review) await createReview(ctx, buyer, line.id, review);
  }
}
