import type { Actor, CoreContext, Db } from '../context.js';
import { requireRole } from '../accounts/index.js';
import { invalid, notFound, newId } from '../platform/index.js';
import { BP } from '../ledger/index.js';
import { reindexCategory } from '../search/index.js';

/** The rules kept in the category's own columns; the full profile is rules/category-rules.ts. */
export interface CategoryBasics {
  shipByHours: number;
  perishable: boolean;
  feeRateBp: number;
}

export interface CategoryView extends CategoryBasics {
  id: string;
  parentId: string | null;
  name: string;
  children: CategoryView[];
}

export interface CategoryInput {
  parentId?: string | null;
  name: string;
  shipByHours: number;
  perishable: boolean;
  feeRateBp: number;
  sort?: number;
}

/** A category's ship-by limit in hours (90 days) and its name, in characters (after trimming). */
export const MAX_SHIP_BY_HOURS = 24 * 90;
export const MAX_CATEGORY_NAME = 30;

export function checkCategoryBasics(r: CategoryBasics): void {
  if (!Number.isInteger(r.shipByHours) || r.shipByHours < 1 || r.shipByHours > MAX_SHIP_BY_HOURS)
    throw invalid(`shipByHours must be 1–${MAX_SHIP_BY_HOURS}`, { field: 'shipByHours' });
  if (!Number.isInteger(r.feeRateBp) || r.feeRateBp < 0 || r.feeRateBp > BP)
    throw invalid(`feeRateBp must be 0–${BP}`, { field: 'feeRateBp' });
}

export async function createCategory(
  ctx: CoreContext,
  actor: Actor | null,
  input: CategoryInput,
): Promise<CategoryView> {
  if (actor) requireRole(actor, 'admin');
  checkCategoryBasics(input);
  const name = input.name.trim();
  if (!name || name.length > MAX_CATEGORY_NAME)
    throw invalid(`name must be 1–${MAX_CATEGORY_NAME} characters`, { field: 'name' });
  if (input.parentId) {
    const parent = await ctx.db
      .selectFrom('categories')
      .select('id')
      .where('id', '=', input.parentId)
      .executeTakeFirst();
    if (!parent) throw notFound('parent category', input.parentId);
  }
  const id = newId('category');
  await ctx.db
    .insertInto('categories')
    .values({
      id,
      parent_id: input.parentId ?? null,
      name,
      ship_by_hours: input.shipByHours,
      perishable: input.perishable ? 1 : 0,
      fee_rate_bp: input.feeRateBp,
      sort: input.sort ?? 0,
      created_at: ctx.clock.now(),
    })
    .execute();
  return {
    id,
    parentId: input.parentId ?? null,
    name,
    shipByHours: input.shipByHours,
    perishable: input.perishable,
    feeRateBp: input.feeRateBp,
    children: [],
  };
}

export async function updateCategoryRules(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  rules: CategoryBasics & { name?: string },
): Promise<void> {
  requireRole(actor, 'admin');
  checkCategoryBasics(rules);
  await ctx.db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('categories')
      .set({
        ship_by_hours: rules.shipByHours,
        perishable: rules.perishable ? 1 : 0,
        fee_rate_bp: rules.feeRateBp,
        ...(rules.name ? { name: rules.name.trim() } : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound('category', id);
    if (rules.name) await reindexCategory(tx, id, ctx.clock.now()); // category names are part of the search text
  });
}

/** The whole tree, roots first, ordered by `sort` then id. */
export async function categoryTree(db: Db): Promise<CategoryView[]> {
  const rows = await db.selectFrom('categories').selectAll().orderBy('sort').orderBy('id').execute();
  const byId = new Map<string, CategoryView>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      parentId: r.parent_id,
      name: r.name,
      shipByHours: r.ship_by_hours,
      perishable: r.perishable === 1,
      feeRateBp: r.fee_rate_bp,
      children: [],
    });
  }
  const roots: CategoryView[] = [];
  for (const c of byId.values()) {
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    if (parent) parent.children.push(c);
    else roots.push(c);
  }
  return roots;
}

/** Products live only in leaf categories. */
export async function requireLeafCategory(db: Db, id: string): Promise<void> {
  const cat = await db.selectFrom('categories').select('id').where('id', '=', id).executeTakeFirst();
  if (!cat) throw notFound('category', id);
  const child = await db.selectFrom('categories').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
  if (child) throw invalid('products belong in a leaf category', { field: 'categoryId' });
}
