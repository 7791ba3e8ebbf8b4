/**
 * The online engine's handling of drifting tastes, in one place so the engine only calls it at
 * a few points: it feeds the drift table (drift.ts) from signals, blends short-term and
 * long-term interest when choosing categories, multiplies each candidate's value by its
 * short-term interest and fatigue factors, and fills the page's exploration slots (explore.ts).
 * Pure.
 */
import { DRIFT_DEFAULTS, DriftTable, type DriftOptions } from './drift.js';
import { exploreSlotsAt, exploreSource, underShown } from './explore.js';
import { stringHash, type ItemCatalog } from './item-catalog.js';
import type { Profile } from './profile.js';
import type { Affinities } from './ranking-features.js';
import type { Signal } from './signals.js';
import type { Candidate, Skip, SourceState } from './sources.js';

export { DRIFT_DEFAULTS, type DriftOptions };

/** Categories the category source draws from. */
const TOP_CATEGORIES = 3;

export class DriftHandling {
  readonly table: DriftTable;
  private categories: string[] = [];
  private categoriesOf = -1;
  private turn = 0;

  constructor(
    readonly opts: DriftOptions,
    private readonly catalog: ItemCatalog,
  ) {
    this.table = new DriftTable(opts);
  }

  /** One signal about a known video (`w`: its interest weight). */
  observe(s: Signal, item: number, w: number): void {
    if (s.kind !== 'impression' && w === 0) return;
    const keys = this.catalog.keys(item);
    this.table.observe(
      s.actor,
      s.kind === 'impression' ? 'impression' : 'other',
      s.kind === 'impression' ? 0 : w,
      item,
      keys.category ? keys.categoryHash : null,
      keys.creatorHash,
      s.at,
    );
  }

  /**
   * The categories for the category source: long-term and short-term shares blended, the top
   * few, weighted on the long-term scale (so the source's scores keep their range). Undefined
   * when the person has no short-term state (the source then reads the profile alone).
   */
  topCategories(actor: string, p: Profile | undefined, now: number): Array<[string, number]> | undefined {
    const view = this.table.view(actor, now);
    if (!view || view.shortTotal <= 0) return undefined;
    const long = p ? p.interests.top('k:', 8, now) : [];
    const longTotal = long.reduce((t, [, w]) => t + w, 0);
    const blend = this.opts.blend;
    const share = new Map<string, number>();
    for (const [key, w] of long) share.set(key, (1 - blend) * (longTotal > 0 ? w / longTotal : 0));
    for (const e of view.interests()) {
      const id = this.catalog.meta(e.item).categoryId;
      if (!id) continue;
      const key = `k:${id}`;
      share.set(key, (share.get(key) ?? 0) + blend * (e.weight / view.shortTotal));
    }
    const scale = longTotal > 0 ? longTotal : view.shortTotal;
    return [...share]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP_CATEGORIES)
      .map(([k, v]): [string, number] => [k, v * scale]);
  }

  /** The value multiplier of each item for the person now (1 for everything when nothing is known). */
  factors(actor: string, aff: Affinities, now: number): ((item: number) => number) | null {
    const view = this.table.view(actor, now);
    if (!view) return null;
    let longTotal = 0;
    for (const [k, w] of aff) if (k.startsWith('k:') && w > 0) longTotal += w;
    return (item) => {
      const keys = this.catalog.keys(item);
      const long = keys.category && longTotal > 0 ? Math.max(0, aff.get(keys.category) ?? 0) / longTotal : 0;
      return view.factor(keys.category ? keys.categoryHash : null, keys.creatorHash, long);
    };
  }

  private categoryList(): string[] {
    if (this.categoriesOf !== this.catalog.byCategory.size) {
      this.categories = [...this.catalog.byCategory.keys()];
      this.categoriesOf = this.catalog.byCategory.size;
    }
    return this.categories;
  }

  /** The exploration candidates for the person's page of `limit` (as many as its slots this page). */
  candidates(state: SourceState, actor: string, limit: number, now: number, skip: Skip): Candidate[] {
    const slots = this.table.exploreSlots(actor, limit);
    if (slots === 0) return [];
    const view = this.table.view(actor, now);
    const cats = underShown(
      this.categoryList(),
      (id) => (view ? view.shown(stringHash(id)) : 0),
      this.turn++,
      slots * 3,
    );
    return exploreSource(state, cats, skip, slots);
  }

  /** Puts the exploration items in their slots of the page (spread over it, never first); returns how many. */
  place<T extends { item: number }>(page: T[], explore: readonly T[]): number {
    const onPage = new Set(page.map((r) => r.item));
    const fresh = explore.filter((r) => !onPage.has(r.item));
    const at = exploreSlotsAt(page.length, fresh.length);
    at.forEach((pos, k) => page.splice(pos, 1, fresh[k]!));
    return at.length;
  }
}
