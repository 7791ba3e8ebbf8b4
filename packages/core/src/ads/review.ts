/**
 * The platform's review of creatives (平台管理 · 广告): an admin takes a campaign's creative down —
 * it leaves the auction at once (only `active` campaigns enter it) and its advertiser cannot
 * resume it — or restores it, paused, for the advertiser to resume (which checks eligibility
 * again). The red lines check a creative's texts when the campaign is created; this is the
 * human check on what runs.
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError, forbidden } from '../platform/index.js';
import { campaignView, type CampaignView } from './campaigns.js';
import { MAX_REVIEW_REASON, type AdReviewDecision } from './ad-types.js';
import { dropHeldCandidates } from './candidate-cache.js';

export async function reviewCampaign(
  ctx: CoreContext,
  actor: Actor,
  campaignId: string,
  decision: AdReviewDecision,
  reason?: string,
): Promise<CampaignView> {
  if (!actor.roles.has('admin')) throw forbidden('admins only');
  await campaignView(ctx, actor, campaignId); // 404 for an unknown id
  const now = ctx.clock.now();
  if (decision === 'reject') {
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (why.length === 0 || why.length > MAX_REVIEW_REASON)
      throw new DomainError('VALIDATION_FAILED', `a take-down needs a reason of 1–${MAX_REVIEW_REASON} characters`);
    await ctx.db
      .updateTable('ad_campaigns')
      .set({ status: 'rejected', review_reason: why, reviewed_by: actor.userId, reviewed_at: now, updated_at: now })
      .where('id', '=', campaignId)
      .execute();
  } else if (decision === 'restore') {
    const r = await ctx.db
      .updateTable('ad_campaigns')
      .set({ status: 'paused', reviewed_by: actor.userId, reviewed_at: now, updated_at: now })
      .where('id', '=', campaignId)
      .where('status', '=', 'rejected')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new DomainError('AD_CAMPAIGN_NOT_REJECTED', 'the campaign was not taken down');
  } else throw new DomainError('VALIDATION_FAILED', 'decision must be reject or restore');
  dropHeldCandidates(ctx.db);
  return campaignView(ctx, actor, campaignId);
}
