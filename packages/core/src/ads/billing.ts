/**
 * Billing per impression (oCPM), from the client's impression reports. Each served ad is billed at
 * most once (its row moves `served → billed | invalid | unbilled` conditionally), invalid traffic
 * is filtered first (ad-rules.ts), and the price is debited from the campaign owner's balance by a
 * conditional update (never below zero) and added to the campaign's day, which stops billing once
 * the day's budget is reached — so the budget is exceeded by at most one impression's price.
 * Clicks are counted once per impression. A billing that brings the campaign's day to its budget
 * (or finds it there), or leaves its account short of another impression at that price, drops the
 * auction's held campaign list once committed (candidate-cache.ts).
 */
import { sql } from 'kysely';
import type { CoreContext, Tx } from '../context.js';
import { DomainError, notFound } from '../platform/index.js';
import { adDay, BURST_WINDOW_MS, invalidTraffic } from './ad-rules.js';
import { debitSpendLeaving, ownerOf } from './ad-account.js';
import { balanceNearZero, budgetReached, dropHeldCandidates } from './candidate-cache.js';
import { viewerKeyOf } from './viewer-key.js';
import type { AdServeStatus } from './ad-types.js';

export type ImpressionOutcome = AdServeStatus | 'duplicate' | 'unknown';

/** Impression ids one report may carry. */
export const MAX_IMPRESSION_BATCH = 50;

/** Reports impressions of served ads; returns each one's outcome (404 when none of them is an impression served to this viewer: a forged report). */
export async function reportImpressions(
  ctx: CoreContext,
  who: { userId: string | null; viewerId: string | null },
  impressionIds: readonly string[],
): Promise<Record<string, ImpressionOutcome>> {
  const viewerKey = viewerKeyOf(who.userId, who.viewerId);
  // The device: the app's viewer id, sent by signed-in people too (several accounts on one device are one device).
  const deviceKey = who.viewerId ? viewerKeyOf(null, who.viewerId) : null;
  if (impressionIds.length === 0 || impressionIds.length > MAX_IMPRESSION_BATCH)
    throw new DomainError('VALIDATION_FAILED', `1–${MAX_IMPRESSION_BATCH} impression ids`);
  const out: Record<string, ImpressionOutcome> = {};
  for (const id of [...new Set(impressionIds)]) out[id] = await billOne(ctx, viewerKey, deviceKey, id);
  if (Object.values(out).every((o) => o === 'unknown')) throw notFound('adServe', impressionIds[0]!);
  return out;
}

/** Ad impressions reported in the burst window by this viewer, and by this device (whoever was signed in on it). */
async function recentImpressions(tx: Tx, viewerKey: string, deviceKey: string | null, now: number): Promise<number> {
  const since = now - BURST_WINDOW_MS;
  const byViewer = await tx
    .selectFrom('ad_serves')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('viewer_key', '=', viewerKey)
    .where('seen_at', '>', since)
    .executeTakeFirst();
  const byDevice =
    deviceKey === null
      ? undefined
      : await tx
          .selectFrom('ad_serves')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('device_key', '=', deviceKey)
          .where('seen_at', '>', since)
          .executeTakeFirst();
  return Math.max(Number(byViewer?.n ?? 0), Number(byDevice?.n ?? 0));
}

async function billOne(
  ctx: CoreContext,
  viewerKey: string,
  deviceKey: string | null,
  serveId: string,
): Promise<ImpressionOutcome> {
  // Set when this billing takes the campaign out of the auction (its day's budget reached, its account at or near zero).
  let leaves = false;
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const s = await tx.selectFrom('ad_serves').selectAll().where('id', '=', serveId).executeTakeFirst();
    if (!s || s.viewer_key !== viewerKey) return 'unknown' as const;
    if (s.status !== 'served') return 'duplicate' as const;
    const last = await tx
      .selectFrom('ad_serves')
      .select((eb) => eb.fn.max('seen_at').as('t'))
      .where('viewer_key', '=', viewerKey)
      .where('campaign_id', '=', s.campaign_id)
      .where('status', '=', 'billed')
      .executeTakeFirst();
    const reason = invalidTraffic({
      now,
      servedAt: Number(s.served_at),
      lastBilledSameCampaign: last?.t == null ? null : Number(last.t),
      viewerImpressionsLastMinute: await recentImpressions(tx, viewerKey, deviceKey, now),
    });
    const claim = async (status: AdServeStatus, billed: number, why: string | null): Promise<boolean> => {
      const r = await tx
        .updateTable('ad_serves')
        .set({ status, billed_mfen: billed, invalid_reason: why, seen_at: now, device_key: deviceKey })
        .where('id', '=', s.id)
        .where('status', '=', 'served')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    };
    if (reason) return (await claim('invalid', 0, reason)) ? ('invalid' as const) : ('duplicate' as const);
    const price = Number(s.price_mfen);
    const day = adDay(now);
    const c = await tx
      .selectFrom('ad_campaigns')
      .select(['daily_budget_fen'])
      .where('id', '=', s.campaign_id)
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('ad_campaign_days')
      .values({ campaign_id: s.campaign_id, day, spent_mfen: 0, impressions: 0 })
      .onConflict((oc) => oc.columns(['campaign_id', 'day']).doNothing())
      .execute();
    // The day's budget: billing stops once it is reached (the last impression may pass it by its own price).
    const budget = await tx
      .updateTable('ad_campaign_days')
      .set({ spent_mfen: sql`spent_mfen + ${price}`, impressions: sql`impressions + 1` })
      .where('campaign_id', '=', s.campaign_id)
      .where('day', '=', day)
      .where('spent_mfen', '<', Number(c.daily_budget_fen) * 1000)
      .returning('spent_mfen')
      .executeTakeFirst();
    const left = budget ? await debitSpendLeaving(tx, ownerOf(s), price, s.id, now) : null;
    if (!budget || left === null) {
      // The budget was reached already (by another process, or before the list was read): the list is out of date.
      leaves = !budget;
      if (budget)
        await tx
          .updateTable('ad_campaign_days')
          .set({ spent_mfen: sql`spent_mfen - ${price}`, impressions: sql`impressions - 1` })
          .where('campaign_id', '=', s.campaign_id)
          .where('day', '=', day)
          .execute();
      return (await claim('unbilled', 0, null)) ? ('unbilled' as const) : ('duplicate' as const);
    }
    if (!(await claim('billed', price, null))) throw new Error('impression claimed twice in one transaction');
    leaves = budgetReached(Number(budget.spent_mfen), Number(c.daily_budget_fen)) || balanceNearZero(left, price);
    await tx
      .updateTable('ad_campaigns')
      .set({ impressions: sql`impressions + 1`, spent_mfen: sql`spent_mfen + ${price}` })
      .where('id', '=', s.campaign_id)
      .execute();
    return 'billed' as const;
  });
  if (leaves) dropHeldCandidates(ctx.db);
  return outcome;
}

/** A click (tap on the ad's product card or the video): counted once per impression, only on an impression that was billed; 404 for an impression not served to this viewer (a forged click). */
export async function reportClick(
  ctx: CoreContext,
  who: { userId: string | null; viewerId: string | null },
  serveId: string,
): Promise<{ counted: boolean }> {
  const viewerKey = viewerKeyOf(who.userId, who.viewerId);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const s = await tx
      .selectFrom('ad_serves')
      .select(['id', 'campaign_id', 'status', 'viewer_key'])
      .where('id', '=', serveId)
      .executeTakeFirst();
    if (!s || s.viewer_key !== viewerKey) throw notFound('adServe', serveId);
    const valid = s.status === 'billed';
    const r = await tx
      .updateTable('ad_serves')
      .set({ clicked_at: now, click_status: valid ? 'valid' : 'invalid' })
      .where('id', '=', s.id)
      .where('clicked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1 || !valid) return { counted: false };
    await tx.updateTable('ad_campaigns').set({ clicks: sql`clicks + 1` }).where('id', '=', s.campaign_id).execute();
    return { counted: true };
  });
}
