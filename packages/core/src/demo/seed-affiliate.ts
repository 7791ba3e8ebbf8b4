/**
 * Demo creator economy, loaded through the real services right after the products (so every
 * later order is attributed under plans already in force): general plans on two of every three
 * listed products, a targeted plan demo-creator applied to and was approved for, an exclusive plan
 * for demo-creator, a colonel's activity with products of three shops, an MCN contract signing
 * demo-creator, and demo-creator's showcase (two products picked through the activity).
 */
import type { Actor, CoreContext } from '../context.js';
import type { ManualClock } from '../platform/index.js';
import { loadActor, register } from '../accounts/index.js';
import {
  createPlan,
  applyToPlan,
  decideApplication,
  applyToActivity,
  createActivity,
  decideActivityProduct,
  acceptContract,
  proposeContract,
  addToShowcase,
  createLink,
  loadAffiliateContext,
  decideLine,
  offers,
  DEFAULT_AFFILIATE_RULES,
} from '../affiliate/index.js';

const DAY = 24 * 3600 * 1000;
const GENERAL_RATES = [500, 800, 1000, 1200, 1500, 2000, 2500];

export interface DemoAffiliateInput {
  ctx: CoreContext;
  clock: ManualClock;
  people: Map<string, Actor>;
  listedProductIds: readonly string[];
  password: string;
  passwordHash: string;
  realNow: number;
  progress: (stage: string, done: number, total: number) => void;
}

async function person(
  input: DemoAffiliateInput,
  login: string,
  displayName: string,
  role: 'mcn' | 'colonel',
): Promise<Actor> {
  const user = await register(
    input.ctx,
    { login, password: input.password, displayName, roles: [role] },
    input.passwordHash,
  );
  const actor = await loadActor(input.ctx.db, user.id);
  input.people.set(login, actor);
  return actor;
}

export async function seedDemoAffiliate(input: DemoAffiliateInput): Promise<void> {
  const { ctx, people, realNow, progress } = input;
  const creator = people.get('demo-creator');
  if (!creator) return;
  const mcn = await person(input, 'demo-mcn', '星芽传媒 MCN', 'mcn');
  const colonel = await person(input, 'demo-colonel', '产地好物团长·阿杰', 'colonel');
  const owners = new Map<string, Actor>();
  for (const p of people.values()) for (const [shopId, role] of p.shops) if (role === 'owner') owners.set(shopId, p);
  const rows = await ctx.db
    .selectFrom('products')
    .select(['id', 'shop_id'])
    .where('id', 'in', [...input.listedProductIds, ''])
    .execute();
  const shopOf = new Map(rows.map((r) => [r.id, r.shop_id]));
  const products = input.listedProductIds.filter((id) => shopOf.has(id));

  const general: string[] = [];
  const planned = products.filter((_, i) => i % 3 !== 2).length;
  for (const [i, id] of products.entries()) {
    if (i % 3 === 2) continue;
    await createPlan(ctx, owners.get(shopOf.get(id)!)!, id, {
      kind: 'general',
      rateBp: GENERAL_RATES[i % GENERAL_RATES.length]!,
    });
    general.push(id);
    if (general.length % 20 === 0 || general.length === planned) progress('affiliate plans', general.length, planned);
  }
  const byShop = (login: string): string[] => {
    const shopId = [...(people.get(login)?.shops.keys() ?? [])][0];
    return products.filter((id) => shopOf.get(id) === shopId);
  };
  const fruit = byShop('demo-merchant');
  const tea = byShop('merchant-tea');

  // A targeted plan demo-creator applied to and the merchant approved; an exclusive plan for demo-creator.
  const targeted = await createPlan(ctx, people.get('demo-merchant')!, fruit[0]!, {
    kind: 'targeted',
    rateBp: 3000,
    name: '头部达人定向计划',
  });
  await applyToPlan(ctx, creator, targeted.id, '主页 30 万粉丝，水果类目带货经验丰富');
  await decideApplication(ctx, people.get('demo-merchant')!, targeted.id, creator.userId, 'approve');
  if (tea[1])
    await createPlan(ctx, people.get('merchant-tea')!, tea[1], {
      kind: 'exclusive',
      rateBp: 3500,
      creatorId: creator.userId,
      name: '阿柚专属计划',
    });

  // The colonel's activity: two products of three shops each, approved.
  const activity = await createActivity(ctx, colonel, {
    name: '产地好物节',
    commissionFloorBp: 1500,
    serviceFeeBp: 300,
    endsAt: realNow + 60 * DAY,
  });
  const inActivity: string[] = [];
  for (const login of ['demo-merchant', 'merchant-tea', 'merchant-snacks']) {
    for (const id of byShop(login).slice(2, 4)) {
      const applied = await applyToActivity(ctx, people.get(login)!, id, { activityId: activity.id, rateBp: 2000 });
      await decideActivityProduct(ctx, colonel, applied.id, 'approve');
      inActivity.push(id);
    }
  }

  // demo-creator signs with the MCN, and fills the showcase.
  const contract = await proposeContract(ctx, mcn, {
    creatorId: creator.userId,
    shareBp: 2000,
    endsAt: realNow + 365 * DAY,
  });
  await acceptContract(ctx, creator, contract.id);
  for (const id of [fruit[0]!, ...(tea[1] ? [tea[1]] : []), ...general.slice(0, 6)])
    await addToShowcase(ctx, creator, { productId: id });
  for (const id of inActivity.slice(0, 2))
    await addToShowcase(ctx, creator, { productId: id, activityId: activity.id });
  progress('affiliate', 1, 1);
}

/**
 * Money history: completed orders of the past credited to demo-creator's tracked links, with
 * the snapshot the checkout's own decision code gives at each order's time (a product without a
 * plan then gets the merchant's general plan, opened just before its first such order).
 */
export async function attributeDemoOrders(
  ctx: CoreContext,
  clock: ManualClock,
  people: Map<string, Actor>,
  creator: Actor,
  orderIds: readonly string[],
): Promise<number> {
  if (orderIds.length === 0) return 0;
  const resume = clock.now();
  const lines = await ctx.db
    .selectFrom('order_lines')
    .select(['id', 'product_id', 'shop_id', 'fee_rate_bp', 'created_at'])
    .where('order_id', 'in', [...orderIds])
    .orderBy('created_at')
    .execute();
  const owners = new Map<string, Actor>();
  for (const p of people.values()) for (const [shopId, role] of p.shops) if (role === 'owner') owners.set(shopId, p);
  const links = new Map<string, string>();
  for (const l of lines) {
    if (links.has(l.product_id)) continue;
    clock.set(Number(l.created_at) - 60_000);
    const { choices } = await offers(ctx.db, {
      creatorId: creator.userId,
      products: [{ productId: l.product_id, shopId: l.shop_id }],
      now: clock.now(),
    });
    if (choices.get(l.product_id)!.reason !== 'plan')
      await createPlan(ctx, owners.get(l.shop_id)!, l.product_id, { kind: 'general', rateBp: 1500 });
    links.set(l.product_id, (await createLink(ctx, creator, { productId: l.product_id, validDays: 30 })).id);
  }
  const window = DEFAULT_AFFILIATE_RULES.protectionWindowMs;
  for (const l of lines) {
    const at = Number(l.created_at);
    const context = await loadAffiliateContext(ctx.db, {
      productIds: [l.product_id],
      creatorIds: [creator.userId],
      shopIds: [l.shop_id],
      now: at,
      protectionWindowMs: window,
    });
    const touch = { source: 'link' as const, creatorId: creator.userId, contentId: links.get(l.product_id)!, at };
    const snapshot = decideLine(context, {
      touch,
      productId: l.product_id,
      shopId: l.shop_id,
      at,
      feeRateBp: Number(l.fee_rate_bp),
      protectionWindowMs: window,
    });
    await ctx.db.updateTable('order_lines').set(snapshot).where('id', '=', l.id).execute();
  }
  clock.set(resume);
  return lines.length;
}
