/**
 * What a simulated shopper can tell about a video from the app: its creator, its hashtags, its
 * duration and the products on it (with their categories, from the product page). The
 * catalogue groups what the simulator saw by category, so hidden tastes can be drawn from it.
 */
export interface ProductFacts {
  id: string;
  categoryId: string;
  /** A SKU that had stock when the product page was read (null: sold out). */
  skuId: string | null;
}

export interface VideoFacts {
  id: string;
  creatorId: string;
  tags: readonly string[];
  durationMs: number;
  products: readonly ProductFacts[];
}

export interface CategoryFacts {
  id: string;
  /** Creators with at least one video on a product of this category, sorted. */
  creatorIds: string[];
  /** Hashtags of those videos, sorted. */
  tags: string[];
}

export interface Catalogue {
  /** Categories that have videos, sorted by id (so draws do not depend on the order videos were seen). */
  categories: CategoryFacts[];
}

/** Groups videos by the categories of their products; videos without products add nothing. */
export function buildCatalogue(videos: Iterable<VideoFacts>): Catalogue {
  const byCategory = new Map<string, { creators: Set<string>; tags: Set<string> }>();
  for (const v of videos) {
    for (const p of v.products) {
      let entry = byCategory.get(p.categoryId);
      if (!entry) byCategory.set(p.categoryId, (entry = { creators: new Set(), tags: new Set() }));
      entry.creators.add(v.creatorId);
      for (const t of v.tags) entry.tags.add(t);
    }
  }
  const categories = [...byCategory]
    .map(([id, e]) => ({ id, creatorIds: [...e.creators].sort(), tags: [...e.tags].sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { categories };
}
