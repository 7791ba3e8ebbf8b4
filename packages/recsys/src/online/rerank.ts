/**
 * The re-ranking pass over scored candidates: multipliers (governance throttling, surge
 * protection, ads) applied to the value, then a greedy fill that never puts a third video in a
 * row from the same creator or the same category while another candidate can take the slot.
 * Shown videos are filtered before. Pure.
 */
export interface Ranked {
  item: number;
  value: number;
  creator: string;
  category: string | null;
}

export const MAX_IN_A_ROW = 2;

/** Would `c` make MAX_IN_A_ROW + 1 in a row of one creator or one category at the end of `page`? */
export function breaksRun(page: readonly Ranked[], c: Ranked, max = MAX_IN_A_ROW): boolean {
  if (page.length < max) return false;
  let sameCreator = true;
  let sameCategory = c.category !== null;
  for (let k = page.length - max; k < page.length; k++) {
    if (page[k]!.creator !== c.creator) sameCreator = false;
    if (c.category === null || page[k]!.category !== c.category) sameCategory = false;
  }
  return sameCreator || sameCategory;
}

/** Highest value first, diversified; at most `limit`. */
export function diversify<T extends Ranked>(candidates: readonly T[], limit: number, max = MAX_IN_A_ROW): T[] {
  const rest = [...candidates].sort((a, b) => b.value - a.value || a.item - b.item);
  const page: T[] = [];
  while (page.length < limit && rest.length > 0) {
    let pick = rest.findIndex((c) => !breaksRun(page, c, max));
    if (pick < 0) pick = 0;
    page.push(rest.splice(pick, 1)[0]!);
  }
  return page;
}
