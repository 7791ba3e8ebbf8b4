/**
 * The commission resolver checkout calls once for all its lines, inside its transaction:
 *
 * 1. One statement reads the buyer's stored touches on these products within the attribution
 *    window, the tracked links named by the lines' attributions and the videos they name with
 *    their anchors. A reported video counts only when it is published, a creator's (not a shop's
 *    own) and carries the product; a link only when it is for the product and was unexpired when
 *    touched. A reported live room counts when a creator hosts it, the product is in its bag and
 *    the room is live (or ended after the buyer's touch).
 * 2. The attribution rule (attribution-rules.ts) picks each line's touch.
 * 3. Only when some line has a creator: one more statement (affiliate-context.ts) reads plans,
 *    rates, memberships, showcases, MCN contracts and shop memberships for all of them, and
 *    commission-decision.ts snapshots each line.
 *
 * So a checkout without creators costs one indexed query; one with creators, two.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../context.js';
import { DEFAULT_AFFILIATE_RULES, LINK_TOKEN_PATTERN, type AffiliateRules } from './affiliate-rules.js';
import { loadAffiliateContext } from './affiliate-context.js';
import { pickTouch, type Attribution, type Touch } from './attribution-rules.js';
import { decideLine, unattributed, type LineSnapshot } from './commission-decision.js';

/** What the resolver needs of a checkout line (checkout's priced lines have these fields). */
export interface ResolverLine {
  skuId: string;
  productId: string;
  shopId: string;
  feeRateBp: number;
  attribution: Attribution;
}

interface Row {
  k: string;
  a: string;
  b: string;
  c: string;
  d: string | null;
  n: number | string | null;
}

const LINK_TOKEN = new RegExp(LINK_TOKEN_PATTERN);

/** When the buyer touched the card: the cart's time for cart lines, now otherwise (never later than now). */
const claimTime = (l: ResolverLine, now: number): number => Math.min(l.attribution.at ?? now, now);

export async function resolveCommissions(
  tx: Tx,
  buyerId: string,
  lines: readonly ResolverLine[],
  now: number,
  rules: AffiliateRules = DEFAULT_AFFILIATE_RULES,
): Promise<Map<string, LineSnapshot>> {
  const out = new Map<string, LineSnapshot>();
  if (lines.length === 0) return out;
  const since = now - rules.attributionWindowMs;
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const tokens = new Set<string>();
  const videoIds = new Set<string>();
  const roomIds = new Set<string>();
  for (const l of lines) {
    const id = l.attribution.contentId;
    if (!id) continue;
    if (l.attribution.source === 'link' && LINK_TOKEN.test(id)) tokens.add(id);
    if (l.attribution.source === 'video' || l.attribution.source === 'feed') videoIds.add(id);
    if (l.attribution.source === 'live') roomIds.add(id);
  }
  const parts: RawBuilder<unknown>[] = [
    sql`select cast('touch' as text) as k, t.creator_id as a, t.content_id as b, t.product_id as c, t.source as d, t.at as n
        from affiliate_touches t where t.buyer_id = ${buyerId} and t.product_id in (${sql.join(productIds)}) and t.at > ${since} and t.at <= ${now}`,
  ];
  if (tokens.size)
    parts.push(
      sql`select cast('link' as text), l.creator_id, l.id, l.product_id, l.token, l.expires_at from affiliate_links l where l.token in (${sql.join([...tokens])})`,
    );
  if (videoIds.size) {
    parts.push(sql`select cast('video' as text), v.owner_id, v.id, va.product_id, v.host_kind, cast(null as bigint)
        from videos v join video_anchors va on va.video_id = v.id where v.id in (${sql.join([...videoIds])}) and v.status = 'published'`);
  }
  if (roomIds.size) {
    parts.push(sql`select cast('live' as text), r.host_id, r.id, b.product_id, r.host_kind, r.ended_at
        from live_rooms r join live_bag_items b on b.room_id = r.id where r.id in (${sql.join([...roomIds])}) and r.status in ('live', 'ended')`);
  }
  const { rows } = await sql<Row>`${sql.join(parts, sql` union all `)}`.execute(tx);

  const stored = new Map<string, Touch[]>();
  const links = new Map<string, Row>();
  const anchored = new Map<string, Row>();
  const inBag = new Map<string, Row>();
  for (const r of rows) {
    if (r.k === 'touch') {
      const list = stored.get(r.c) ?? [];
      list.push({ source: r.d as Touch['source'], creatorId: r.a, contentId: r.b, at: Number(r.n) });
      stored.set(r.c, list);
    } else if (r.k === 'link') links.set(r.d!, r);
    else if (r.k === 'video' && r.d === 'creator') anchored.set(`${r.b}|${r.c}`, r);
    else if (r.k === 'live' && r.d === 'creator') inBag.set(`${r.b}|${r.c}`, r);
  }

  const winners = new Map<string, Touch>();
  for (const l of lines) {
    const touches = [...(stored.get(l.productId) ?? [])];
    const claim = verifiedClaim(l, claimTime(l, now), links, anchored, inBag);
    if (claim) touches.push(claim);
    const won = pickTouch(touches, now, rules.attributionWindowMs);
    if (won) winners.set(l.skuId, won);
    else out.set(l.skuId, unattributed(l.attribution));
  }
  if (winners.size === 0) return out;

  const attributed = lines.filter((l) => winners.has(l.skuId));
  const context = await loadAffiliateContext(tx, {
    productIds: attributed.map((l) => l.productId),
    creatorIds: [...new Set([...winners.values()].map((w) => w.creatorId))],
    shopIds: attributed.map((l) => l.shopId),
    now,
    protectionWindowMs: rules.protectionWindowMs,
  });
  for (const l of attributed) {
    out.set(
      l.skuId,
      decideLine(context, {
        touch: winners.get(l.skuId)!,
        productId: l.productId,
        shopId: l.shopId,
        at: now,
        feeRateBp: l.feeRateBp,
        protectionWindowMs: rules.protectionWindowMs,
      }),
    );
  }
  return out;
}

function verifiedClaim(
  l: ResolverLine,
  at: number,
  links: Map<string, Row>,
  anchored: Map<string, Row>,
  inBag: Map<string, Row>,
): Touch | null {
  const { source, contentId } = l.attribution;
  if (!contentId) return null;
  if (source === 'link') {
    const link = links.get(contentId);
    if (!link || link.c !== l.productId || at >= Number(link.n)) return null;
    return { source: 'link', creatorId: link.a, contentId: link.b, at };
  }
  if (source === 'video' || source === 'feed') {
    const video = anchored.get(`${contentId}|${l.productId}`);
    return video ? { source, creatorId: video.a, contentId, at } : null;
  }
  if (source === 'live') {
    const room = inBag.get(`${contentId}|${l.productId}`);
    if (!room || (room.n !== null && at > Number(room.n))) return null;
    return { source: 'live', creatorId: room.a, contentId, at };
  }
  return null;
}
