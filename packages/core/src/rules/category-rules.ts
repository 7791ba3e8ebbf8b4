/**
 * Rule profiles stored per category: the rules with a column of their own (ship-by hours,
 * perishable, fee rate, settlement window) live in those columns, which checkout and the ledger
 * read; the rest is JSON in `categories.rules`. Admins edit them; orders keep a snapshot.
 */
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { requireRole } from '../accounts/index.js';
import { notFound } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import {
  applyRulePatch,
  checkRuleProfile,
  DEFAULT_RULES,
  profileFromStored,
  type RuleProfile,
  type RuleProfilePatch,
} from './profile.js';

/** The columns of a category row that make up its profile. */
export interface CategoryRuleColumns {
  ship_by_hours: number;
  perishable: number;
  fee_rate_bp: number;
  settle_window_days: number;
  rules: string;
}

export const CATEGORY_RULE_COLUMNS = [
  'categories.ship_by_hours',
  'categories.perishable',
  'categories.fee_rate_bp',
  'categories.settle_window_days',
  'categories.rules',
] as const;

function parseJson(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The full profile of a category row: its columns, then its stored JSON, then the defaults. */
export function profileOfCategory(row: CategoryRuleColumns): RuleProfile {
  const perishable = row.perishable === 1;
  const base: RuleProfile = {
    ...DEFAULT_RULES,
    lateShipment: { ...DEFAULT_RULES.lateShipment },
    sevenDayNoReason: !perishable,
  };
  const stored = profileFromStored(parseJson(row.rules), base);
  const p: RuleProfile = {
    ...stored,
    shipByHours: Number(row.ship_by_hours),
    perishable,
    feeRateBp: Number(row.fee_rate_bp),
    settleWindowDays: Number(row.settle_window_days),
  };
  if (p.perishable) p.sevenDayNoReason = false;
  return p;
}

/** The JSON part of a profile: everything that has no column. */
function storedPart(p: RuleProfile): string {
  const { shipByHours: _s, perishable: _p, feeRateBp: _f, settleWindowDays: _w, ...rest } = p;
  return JSON.stringify(rest);
}

export interface CategoryRulesView {
  categoryId: string;
  name: string;
  rules: RuleProfile;
}

async function loadRow(db: Db | Tx, categoryId: string) {
  return db
    .selectFrom('categories')
    .select(['id', 'name', 'ship_by_hours', 'perishable', 'fee_rate_bp', 'settle_window_days', 'rules'])
    .where('id', '=', categoryId)
    .executeTakeFirst();
}

export async function categoryRules(db: Db, categoryId: string): Promise<CategoryRulesView> {
  const row = await loadRow(db, categoryId);
  if (!row) throw notFound('category', categoryId);
  return { categoryId: row.id, name: row.name, rules: profileOfCategory(row) };
}

export async function listCategoryRules(db: Db): Promise<CategoryRulesView[]> {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'name', 'ship_by_hours', 'perishable', 'fee_rate_bp', 'settle_window_days', 'rules'])
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ categoryId: r.id, name: r.name, rules: profileOfCategory(r) }));
}

/**
 * An admin changes some rules of a category. Orders already placed keep the rules they were
 * sold under (their snapshot); only later orders see the change.
 */
export async function updateCategoryRuleProfile(
  ctx: CoreContext,
  actor: Actor,
  categoryId: string,
  patch: RuleProfilePatch,
): Promise<CategoryRulesView> {
  requireRole(actor, 'admin');
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const row = await loadRow(tx, categoryId);
    if (!row) throw notFound('category', categoryId);
    const merged = applyRulePatch(profileOfCategory(row), patch);
    // Perishable goods never carry 7-day no-reason returns: turning perishable on turns it off.
    if (patch.perishable === true && patch.sevenDayNoReason === undefined) merged.sevenDayNoReason = false;
    if (patch.perishable === false && patch.sevenDayNoReason === undefined) merged.sevenDayNoReason = true;
    const next = checkRuleProfile(merged);
    await tx
      .updateTable('categories')
      .set({
        ship_by_hours: next.shipByHours,
        perishable: next.perishable ? 1 : 0,
        fee_rate_bp: next.feeRateBp,
        settle_window_days: next.settleWindowDays,
        rules: storedPart(next),
      })
      .where('id', '=', categoryId)
      .execute();
    await emit(tx, 'category.rules_changed', categoryId, { categoryId, by: actor.userId, rules: next }, now);
    return { categoryId, name: row.name, rules: next };
  });
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'category.rules_changed': { categoryId: string; by: string; rules: unknown };
  }
}
