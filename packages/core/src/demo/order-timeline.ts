/**
 * When the demo's order history happens, relative to the first start (the seeder's clock at
 * seeding time). Closed orders (completed, cancelled, refunded) and in-time shipments keep their
 * place in the last four weeks; an order left waiting on a platform deadline is placed recently
 * enough that the deadline still lies ahead, so the first worker round applies no late-shipment
 * compensation, violation point or automatic confirmation the demo did not mean to show. Pure.
 */

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

export type DemoOrderPlan = 'completed' | 'shipped' | 'paid' | 'cancelled' | 'refunded' | 'delivered';

/** The shortest ship-by window of any demo category (hours after payment). */
export const DEMO_SHORTEST_SHIP_BY_HOURS = 48;
/** Days after delivery before receipt is confirmed automatically (the platform default). */
export const DEMO_AUTO_CONFIRM_DAYS = 7;
/** How a demo order moves once placed: paid two minutes later, shipped 20 hours after payment, delivered two days after that. */
export const DEMO_PAY_AFTER_MS = 2 * 60_000;
export const DEMO_SHIP_AFTER_PAY_MS = 20 * HOUR;
export const DEMO_DELIVER_AFTER_SHIP_MS = 2 * DAY;

/**
 * The time to place an order that ends in `plan`: `nominalAt` (its place in the history) unless
 * that would leave an open deadline behind `firstStart`. `spread` (any small integer) staggers
 * the recent ones over the last day.
 */
export function demoOrderPlacedAt(firstStart: number, plan: DemoOrderPlan, nominalAt: number, spread: number): number {
  const step = Math.abs(Math.trunc(spread)) % 20;
  // Waiting to ship: paid within the last day, well inside the shortest ship-by window.
  if (plan === 'paid') return firstStart - (2 + step) * HOUR;
  // Shipped (in time) before the first start, not after it.
  if (plan === 'shipped')
    return Math.min(nominalAt, firstStart - DEMO_PAY_AFTER_MS - DEMO_SHIP_AFTER_PAY_MS - (1 + step) * HOUR);
  if (plan === 'delivered') {
    // Waiting for the buyer: delivered within the last day, the automatic confirmation days ahead.
    const deliveredAfter = DEMO_PAY_AFTER_MS + DEMO_SHIP_AFTER_PAY_MS + DEMO_DELIVER_AFTER_SHIP_MS;
    return firstStart - deliveredAfter - (2 + step) * HOUR;
  }
  return nominalAt;
}

/** The open deadline an order in `plan` placed at `placedAt` waits on, if any (what the test checks against the first start). */
export function demoOpenDeadline(plan: DemoOrderPlan, placedAt: number): number | null {
  const paidAt = placedAt + DEMO_PAY_AFTER_MS;
  if (plan === 'paid') return paidAt + DEMO_SHORTEST_SHIP_BY_HOURS * HOUR;
  if (plan === 'delivered')
    return paidAt + DEMO_SHIP_AFTER_PAY_MS + DEMO_DELIVER_AFTER_SHIP_MS + DEMO_AUTO_CONFIRM_DAYS * DAY;
  return null;
}
