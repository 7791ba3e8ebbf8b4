/**
 * Everything the plan decision needs for some products and creators, read in ONE statement (a
 * UNION ALL of indexed lookups: plans and their rates, targeted plans' creators, showcases,
 * active MCN contracts, shop memberships), so checkout pays one round trip for all its lines.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../context.js';
import type { PlanKind } from './affiliate-rules.js';
import type { RateChange, RateChangeKind } from './rate-changes.js';
import type { CreatorStanding, PlanView } from './plan-selection.js';

interface Row {
  k: string;
  a: string | null;
  b: string | null;
  c: string | null;
  d: string | null;
  e: string | null;
  f: string | null;
  n1: number | string | null;
  n2: number | string | null;
  n3: number | string | null;
  n4: number | string | null;
}

export interface McnTerms {
  contractId: string;
  mcnId: string;
  shareBp: number;
}

export interface AffiliateContext {
  /** Plans per product (active, or closed recently enough to still protect someone). */
  plans: Map<string, PlanView[]>;
  /** Showcase rows by `creator|product`. */
  showcase: Map<string, { firstAddedAt: number; viaPlanId: string | null }>;
  /** The MCN contract in force now, per creator. */
  contracts: Map<string, McnTerms>;
  /** `shop|user` for every creator who belongs to one of the shops. */
  shopMembers: Set<string>;
}

const T = sql`cast(null as text)`;
const N = sql`cast(null as bigint)`;
const num = (v: number | string | null): number => Number(v);

export interface ContextQuery {
  productIds: readonly string[];
  creatorIds: readonly string[];
  shopIds: readonly string[];
  now: number;
  protectionWindowMs: number;
}

export async function loadAffiliateContext(db: Db | Tx, q: ContextQuery): Promise<AffiliateContext> {
  const out: AffiliateContext = { plans: new Map(), showcase: new Map(), contracts: new Map(), shopMembers: new Set() };
  if (q.productIds.length === 0) return out;
  const P = sql.join([...new Set(q.productIds)]);
  const since = q.now - q.protectionWindowMs;
  const livePlans = sql`p.product_id in (${P}) and p.status = 'active' and (p.closes_at is null or p.closes_at > ${since})`;
  const parts: RawBuilder<unknown>[] = [
    sql`select cast('plan' as text) as k, p.id as a, p.kind as b, p.creator_id as c, p.product_id as d, p.activity_id as e, ca.colonel_id as f,
        p.created_at as n1, ca.service_fee_bp as n2, ca.starts_at as n3, ca.ends_at as n4
        from affiliate_plans p left join colonel_activities ca on ca.id = p.activity_id where ${livePlans}`,
    sql`select cast('rate' as text), r.id, r.change, r.plan_id, ${T}, ${T}, ${T}, r.rate_bp, r.requested_at, r.effective_at, ${N}
        from affiliate_plan_rates r join affiliate_plans p on p.id = r.plan_id where ${livePlans} and r.superseded_at is null`,
  ];
  if (q.creatorIds.length > 0) {
    const C = sql.join([...new Set(q.creatorIds)]);
    parts.push(
      sql`select cast('member' as text), m.plan_id, m.creator_id, ${T}, ${T}, ${T}, ${T}, ${N}, ${N}, ${N}, ${N}
          from affiliate_plan_members m join affiliate_plans p on p.id = m.plan_id where ${livePlans} and m.creator_id in (${C}) and m.status = 'approved'`,
      sql`select cast('showcase' as text), s.creator_id, s.product_id, s.via_plan_id, ${T}, ${T}, ${T}, s.first_added_at, ${N}, ${N}, ${N}
          from affiliate_showcase s where s.creator_id in (${C}) and s.product_id in (${P})`,
      sql`select cast('contract' as text), mc.id, mc.mcn_id, mc.creator_id, ${T}, ${T}, ${T}, mc.share_bp, ${N}, ${N}, ${N}
          from mcn_contracts mc where mc.creator_id in (${C}) and mc.status in ('active', 'ended') and mc.effective_at <= ${q.now} and mc.ends_at > ${q.now} and (mc.ended_at is null or mc.ended_at > ${q.now})`,
    );
    if (q.shopIds.length > 0) {
      parts.push(sql`select cast('self' as text), sm.shop_id, sm.user_id, ${T}, ${T}, ${T}, ${T}, ${N}, ${N}, ${N}, ${N}
          from shop_members sm where sm.user_id in (${C}) and sm.shop_id in (${sql.join([...new Set(q.shopIds)])})`);
    }
  }
  const { rows } = await sql<Row>`${sql.join(parts, sql` union all `)}`.execute(db);
  const byId = new Map<string, PlanView>();
  for (const r of rows) {
    if (r.k !== 'plan') continue;
    const activity =
      r.e && r.f ? { id: r.e, colonelId: r.f, serviceFeeBp: num(r.n2), startsAt: num(r.n3), endsAt: num(r.n4) } : null;
    const plan: PlanView = {
      id: r.a!,
      kind: r.b as PlanKind,
      productId: r.d!,
      creatorId: r.c,
      createdAt: num(r.n1),
      changes: [],
      members: new Set(),
      activity,
    };
    byId.set(plan.id, plan);
    const list = out.plans.get(plan.productId) ?? [];
    list.push(plan);
    out.plans.set(plan.productId, list);
  }
  for (const r of rows) {
    if (r.k === 'rate') {
      const change: RateChange = {
        id: r.a!,
        change: r.b as RateChangeKind,
        rateBp: r.n1 === null ? null : num(r.n1),
        requestedAt: num(r.n2),
        effectiveAt: num(r.n3),
        supersededAt: null,
      };
      byId.get(r.c!)?.changes.push(change);
    } else if (r.k === 'member') (byId.get(r.a!)?.members as Set<string> | undefined)?.add(r.b!);
    else if (r.k === 'showcase') out.showcase.set(`${r.a}|${r.b}`, { firstAddedAt: num(r.n1), viaPlanId: r.c });
    else if (r.k === 'contract') out.contracts.set(r.c!, { contractId: r.a!, mcnId: r.b!, shareBp: num(r.n1) });
    else if (r.k === 'self') out.shopMembers.add(`${r.a}|${r.b}`);
  }
  return out;
}

/** The creator's standing towards one product of one shop. */
export function standingOf(c: AffiliateContext, creatorId: string, productId: string, shopId: string): CreatorStanding {
  const s = c.showcase.get(`${creatorId}|${productId}`);
  return {
    promotedAt: s?.firstAddedAt ?? null,
    viaPlanId: s?.viaPlanId ?? null,
    ownsShop: c.shopMembers.has(`${shopId}|${creatorId}`),
  };
}
