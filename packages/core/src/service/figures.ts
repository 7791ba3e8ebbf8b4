/** Response figures per shop and per staff member, per day in Asia/Shanghai (the console's 客服数据). */
import type { Kysely } from 'kysely';
import type { Actor, CoreContext } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import type { Database } from '../storage/index.js';
import { computeFigures, type FigureMessage, type FigureRating, type ServiceFigures } from './figures-math.js';
import { shanghaiDayLabel, shanghaiDayStart } from './service-rules.js';

const DAY_MS = 86_400_000;
/** Replies are looked for up to this long after the window closes. */
const REPLY_LOOKAHEAD_MS = DAY_MS;

async function load(
  db: Kysely<Database>,
  shopId: string,
  window: { from: number; to: number },
): Promise<{ messages: FigureMessage[]; ratings: Array<FigureRating & { createdAt: number }> }> {
  const rows = await db
    .selectFrom('service_messages')
    .select(['conversation_id', 'side', 'sender_id', 'auto', 'created_at'])
    .where('shop_id', '=', shopId)
    .where('created_at', '>=', window.from)
    .where('created_at', '<', window.to + REPLY_LOOKAHEAD_MS)
    .execute();
  const ratings = await db
    .selectFrom('service_ratings')
    .select(['stars', 'staff_id', 'created_at'])
    .where('shop_id', '=', shopId)
    .where('created_at', '>=', window.from)
    .where('created_at', '<', window.to)
    .execute();
  return {
    messages: rows.map((r) => ({
      conversationId: r.conversation_id,
      side: r.side as 'buyer' | 'shop',
      senderId: r.sender_id,
      auto: Number(r.auto) === 1,
      createdAt: Number(r.created_at),
    })),
    ratings: ratings.map((r) => ({ stars: Number(r.stars), staffId: r.staff_id, createdAt: Number(r.created_at) })),
  };
}

/** A shop's customer-service figures over [from, to) (epoch ms); null where there is nothing to measure. */
export async function serviceFigures(
  db: Kysely<Database>,
  shopId: string,
  window: { from: number; to: number },
): Promise<ServiceFigures> {
  const { messages, ratings } = await load(db, shopId, window);
  return computeFigures(messages, ratings, window);
}

export interface StaffFigures extends ServiceFigures {
  userId: string;
  name: string;
  /** The same figures per day (oldest first), for this staff member. */
  days: ServiceDay[];
}

export interface ServiceDay extends ServiceFigures {
  day: string;
}

export interface ServiceReport {
  days: ServiceDay[];
  total: ServiceFigures;
  staff: StaffFigures[];
}

/** The console's report: the last `days` Shanghai days (today included), the total and each staff member over them. */
export async function serviceReport(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  days: number,
): Promise<ServiceReport> {
  requireShopMember(actor, shopId);
  const now = ctx.clock.now();
  const today = shanghaiDayStart(now);
  const window = { from: today - (days - 1) * DAY_MS, to: today + DAY_MS };
  const { messages, ratings } = await load(ctx.db, shopId, window);
  const perDay = (staffId?: string): ServiceDay[] =>
    Array.from({ length: days }, (_, i) => {
      const w = { from: window.from + i * DAY_MS, to: window.from + (i + 1) * DAY_MS };
      const dayRatings = ratings.filter((r) => r.createdAt >= w.from && r.createdAt < w.to);
      return {
        day: shanghaiDayLabel(w.from),
        ...computeFigures(
          messages.filter((m) => m.createdAt >= w.from),
          dayRatings,
          w,
          staffId,
        ),
      };
    });
  const members = await ctx.db
    .selectFrom('shop_members')
    .innerJoin('users', 'users.id', 'shop_members.user_id')
    .select(['users.id', 'users.display_name'])
    .where('shop_members.shop_id', '=', shopId)
    .orderBy('users.id')
    .execute();
  return {
    days: perDay(),
    total: computeFigures(messages, ratings, window),
    staff: members.map((m) => ({
      userId: m.id,
      name: m.display_name,
      ...computeFigures(messages, ratings, window, m.id),
      days: perDay(m.id),
    })),
  };
}
