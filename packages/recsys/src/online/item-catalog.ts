/**
 * The videos the online engine may recommend, by dense index, with what the profiles and
 * candidate sources need (creator, category, tags, price, shop), and small indexes by creator,
 * category, tag and product (newest last, bounded), so no request ever scans the catalogue. Pure.
 */
import { priceBand } from './signals.js';

export interface ItemMeta {
  id: string;
  title: string;
  creatorId: string;
  creatorName: string;
  categoryId: string | null;
  categoryName: string | null;
  tags: readonly string[];
  /** Price of the first anchored product (fen), null when none. */
  priceFen: number | null;
  shopId: string | null;
  productIds: readonly string[];
  publishedAt: number;
}

/** An item's keys in a profile's interest weights, built once per item (interned). */
export interface ItemKeys {
  creator: string;
  category: string | null;
  tags: readonly string[];
  band: string | null;
  creatorHash: number;
  categoryHash: number;
}

/** FNV-1a of a string (32-bit, signed). */
export function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

const NO_STRINGS: readonly string[] = Object.freeze([]);
const PER_CREATOR = 30;
const PER_CATEGORY = 400;
const PER_TAG = 200;
const PER_PRODUCT = 20;

/** Appends item (newest last); the list is trimmed to `cap` once it reaches twice that (readers scan from the end). */
function pushBounded<K>(index: Map<K, number[]>, key: K, item: number, cap: number, isNew: boolean): void {
  let list = index.get(key);
  if (!list) {
    list = [];
    index.set(key, list);
  }
  if (!isNew && list.includes(item)) return;
  list.push(item);
  if (list.length >= 2 * cap) list.splice(0, list.length - cap);
}

export class ItemCatalog {
  private readonly index = new Map<string, number>();
  private readonly metas: ItemMeta[] = [];
  private liveFlags = new Uint8Array(1024);
  private bands = new Int8Array(1024);
  readonly byCreator = new Map<string, number[]>();
  readonly byCategory = new Map<string, number[]>();
  readonly byTag = new Map<string, number[]>();
  readonly byProduct = new Map<string, number[]>();
  readonly categoryNames = new Map<string, string>();
  private readonly itemKeys: ItemKeys[] = [];
  private readonly interned = new Map<string, string>();
  /** Lists of strings (tags, products) and key sets shared by many videos, one copy each. */
  private readonly internedLists = new Map<string, readonly string[]>();
  private readonly internedKeys = new Map<string, ItemKeys>();

  private intern(key: string): string {
    const hit = this.interned.get(key);
    if (hit !== undefined) return hit;
    this.interned.set(key, key);
    return key;
  }

  /** One shared copy of a list of strings (its strings interned). */
  private internList(list: readonly string[], prefix = ''): readonly string[] {
    if (list.length === 0) return NO_STRINGS;
    const key = `${prefix}\u0000${list.join('\u0000')}`;
    const hit = this.internedLists.get(key);
    if (hit !== undefined) return hit;
    const copy = Object.freeze(list.map((x) => this.intern(`${prefix}${x}`)));
    this.internedLists.set(key, copy);
    return copy;
  }

  keys(item: number): ItemKeys {
    return this.itemKeys[item]!;
  }

  get size(): number {
    return this.metas.length;
  }

  indexOf(id: string): number {
    return this.index.get(id) ?? -1;
  }

  meta(item: number): ItemMeta {
    return this.metas[item]!;
  }

  isLive(item: number): boolean {
    return this.liveFlags[item] === 1;
  }

  band(item: number): number {
    return this.bands[item]!;
  }

  /**
   * The meta with its shared strings (creator, category, shop, tags, products) interned: videos
   * arrive as fresh copies (messages between threads), and 100,000 videos share a few thousand
   * creators and categories.
   */
  private internMeta(m: ItemMeta): ItemMeta {
    const i = (x: string): string => this.intern(x);
    return {
      id: m.id,
      title: m.title,
      creatorId: i(m.creatorId),
      creatorName: i(m.creatorName),
      categoryId: m.categoryId === null ? null : i(m.categoryId),
      categoryName: m.categoryName === null ? null : i(m.categoryName),
      tags: this.internList(m.tags),
      priceFen: m.priceFen,
      shopId: m.shopId === null ? null : i(m.shopId),
      productIds: this.internList(m.productIds),
      publishedAt: m.publishedAt,
    };
  }

  /** Adds or replaces a published video; returns its index. */
  upsert(given: ItemMeta): number {
    const meta = this.internMeta(given);
    let item = this.index.get(meta.id);
    const isNew = item === undefined;
    if (item === undefined) {
      item = this.metas.length;
      this.index.set(meta.id, item);
      this.metas.push(meta);
      if (item >= this.liveFlags.length) {
        const live = new Uint8Array(this.liveFlags.length * 2);
        live.set(this.liveFlags);
        this.liveFlags = live;
        const bands = new Int8Array(this.bands.length * 2);
        bands.set(this.bands);
        this.bands = bands;
      }
    } else this.metas[item] = meta;
    this.liveFlags[item] = 1;
    const band = priceBand(meta.priceFen);
    this.bands[item] = band;
    this.itemKeys[item] = this.keysOf(meta, band);
    pushBounded(this.byCreator, meta.creatorId, item, PER_CREATOR, isNew);
    if (meta.categoryId) {
      pushBounded(this.byCategory, meta.categoryId, item, PER_CATEGORY, isNew);
      if (meta.categoryName) this.categoryNames.set(meta.categoryId, meta.categoryName);
    }
    for (const tag of meta.tags) pushBounded(this.byTag, tag, item, PER_TAG, isNew);
    for (const p of meta.productIds) pushBounded(this.byProduct, p, item, PER_PRODUCT, isNew);
    return item;
  }

  /**
   * The video's profile keys, shared by every video with the same creator, category, tags and
   * price band (most videos of a creator share one set).
   */
  private keysOf(meta: ItemMeta, band: number): ItemKeys {
    const id = `${meta.creatorId}\u0000${meta.categoryId ?? ''}\u0000${band}\u0000${meta.tags.join('\u0000')}`;
    const hit = this.internedKeys.get(id);
    if (hit !== undefined) return hit;
    const keys: ItemKeys = Object.freeze({
      creator: this.intern(`c:${meta.creatorId}`),
      category: meta.categoryId ? this.intern(`k:${meta.categoryId}`) : null,
      tags: this.internList(meta.tags, 't:'),
      band: band >= 0 ? this.intern(`p:${band}`) : null,
      creatorHash: stringHash(meta.creatorId),
      categoryHash: meta.categoryId ? stringHash(meta.categoryId) : 0,
    });
    this.internedKeys.set(id, keys);
    return keys;
  }

  /** A removed (or unpublished) video is never recommended again; its index stays. */
  remove(id: string): void {
    const item = this.index.get(id);
    if (item !== undefined) this.liveFlags[item] = 0;
  }
}
