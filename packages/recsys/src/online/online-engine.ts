/**
 * The online interest engine behind the live feed: it consumes committed signals one by one
 * (profiles, item-to-item co-occurrence, online embeddings, trending, the traffic pool and the
 * ranking model all learn from each), and answers a feed page from bounded candidate sources,
 * ranked by the learned model's value formula and re-ranked for diversity, each video with
 * its reason. Pure: no I/O; the caller loads videos, feeds signals and records pool steps.
 */
import { Trending } from '../engine/trending.js';
import { Covisitation } from './covisitation.js';
import {
  HashedRanker,
  impressionValue,
  VALUE_DEFAULTS,
  type Head,
  type Labels,
  type ValueFormula,
} from './hashed-ranker.js';
import { ItemCatalog, type ItemMeta } from './item-catalog.js';
import { SequenceEmbedding, type GatheredVectors } from './sequence-embedding.js';
import { ChoiceReader, choiceShifts } from './choice-shift.js';
import { OutcomeLog } from './outcome-log.js';
import type { ModelSnapshot } from './retrain.js';
import { Profile, ProfileRows } from './profile.js';
import { affinities, FEATURE_COUNT, pairFeatures, type Affinities, type PairContext } from './ranking-features.js';
import { reasonFor, type Reason } from './reasons.js';
import { itemHeads, MAX_VIEWER_CREATIVES, ProductAverages, type HeadsPerson, type ItemHeads } from './item-heads.js';
import { viewerHeads } from './viewer-heads.js';
import { breaksRun, diversify } from './rerank.js';
import { DRIFT_DEFAULTS, DriftHandling, type DriftOptions } from './drift-handling.js';
import { interestWeight, type Signal } from './signals.js';
import * as src from './sources.js';
import { TrafficPool, type PoolEvent, type PoolStep } from './traffic-pool.js';
import { SwapStage } from './swap-stage.js';

export interface OnlineEngineOptions {
  value: ValueFormula;
  trendingHalfLifeMs: number;
  perSource: number;
  /** Traffic-pool videos offered per page. */
  poolPerPage: number;
  /** Weight of the candidate source's own score next to the model's value (cold start). */
  retrievalPrior: number;
  /** Drifting tastes: short-term interest, fatigue and exploration (drift.ts); null turns it off. */
  drift: DriftOptions | null;
  /** Candidates of the embedding source while a retrained model serves (default: perSource). */
  modelPerSource?: number;
}

export const ONLINE_ENGINE_DEFAULTS: OnlineEngineOptions = {
  value: VALUE_DEFAULTS,
  trendingHalfLifeMs: 6 * 3600_000,
  perSource: 20,
  poolPerPage: 1,
  retrievalPrior: 0.3,
  drift: DRIFT_DEFAULTS,
  modelPerSource: 20,
};

export interface Recommended {
  videoId: string;
  value: number;
  reason: Reason;
}

export interface RecommendRequest {
  limit: number;
  now: number;
  /** Already shown in this feed session (the cursor's filter). */
  isShown: (videoId: string) => boolean;
  /** Governance throttling, surge protection, ads: 1 leaves the value as it is. */
  multiplier?: (meta: ItemMeta) => number;
}

const SOURCE_PRIOR: Record<src.SourceName, number> = {
  followed: 0.9,
  covisit: 1,
  category: 0.7,
  tag: 0.6,
  embedding: 0.6,
  trending: 0.5,
  pool: 0.3,
  fresh: 0.2,
  explore: 0.2,
};
const POOL_EVENTS: Partial<Record<Signal['kind'], PoolEvent>> = {
  impression: 'impression',
  complete: 'completion',
  like: 'like',
  comment: 'comment',
  share: 'share',
  product_tap: 'product_tap',
};
const LABELS: Partial<Record<Signal['kind'], 'seen' | keyof Labels>> = {
  impression: 'seen',
  complete: 'complete',
  like: 'engage',
  comment: 'engage',
  share: 'engage',
  follow: 'engage',
  product_tap: 'engage',
  add_to_cart: 'purchase',
  purchase: 'purchase',
};
const TRENDING_TOP = 300;
const EMPTY_PROFILE = new Profile();
const TRENDING_EVERY_MS = 2_000;

interface Scored {
  item: number;
  value: number;
  creator: string;
  category: string | null;
  cand: src.Candidate;
  emb: number;
  aff: Affinities;
}

/**
 * The retrained model's reach for the embedding source: scoring it costs one pass over its
 * vectors per page (about 1 ms for 25,000 videos of dimension 32), so a larger model offers the
 * videos with the highest learned bias (the most chosen) and leaves the rest to the other sources.
 */
export const MODEL_REACH = 25_000;

export class OnlineEngine {
  readonly catalog = new ItemCatalog();
  readonly covisit = new Covisitation();
  readonly embedding = new SequenceEmbedding((actor) => this.profiles.get(actor)?.recentItems().items);
  readonly pool = new TrafficPool();
  readonly ranker = new HashedRanker();
  readonly outcomes = new OutcomeLog();
  readonly profiles = new Map<string, Profile>();
  /** The profiles' interest weights and latest videos, a row each (profile.ts). */
  readonly profileRows = new ProfileRows();
  private readonly trending: Trending;
  private trendTop: number[] = [];
  /** The embedding source's pool, for the trending top and catalogue size it was made from. */
  private embeddingItems: { top: readonly number[]; size: number; pool: GatheredVectors } | null = null;
  private trendValue: (item: number) => number = () => 0;
  private trendAt = -Infinity;
  private readonly touched = new Set<number>();
  private readonly state: src.SourceState;
  private skipStamps = new Uint32Array(1024);
  private skipBits = new Uint8Array(1024);
  private skipEpoch = 0;
  /** The retrained model's videos with their vectors as trained (the embedding source's reach). */
  private modelPool: GatheredVectors | null = null;
  /** The retrained ranker's choice weights (null: the hashed model alone ranks). */
  private choice: Float64Array | null = null;
  private readonly choiceReader = new ChoiceReader(this.covisit, this.embedding);
  /** The batch-retrained model serving (null: online learning only since start). */
  modelVersion: string | null = null;
  /** Reads of personal data (profiles) by recommend: lets callers prove a path touched none. */
  personalReads = 0;
  private readonly train = (slots: Int32Array, labels: Labels, only?: Head): void =>
    this.ranker.update(slots, labels, only);
  /** Short-term interest, fatigue and exploration (null: off). */
  readonly drift: DriftHandling | null;
  /** The skip rule of the page being made (explore slots use the same). */
  private pageSkip: src.Skip = () => false;

  constructor(readonly opts: OnlineEngineOptions = ONLINE_ENGINE_DEFAULTS) {
    this.trending = new Trending(1024, opts.trendingHalfLifeMs);
    this.drift = opts.drift ? new DriftHandling(opts.drift, this.catalog) : null;
    this.state = {
      catalog: this.catalog,
      covisit: this.covisit,
      embedding: this.embedding,
      pool: this.pool,
      trendingTop: () => this.trendTop,
      embeddingPool: () => this.embeddingPool(),
      modelPool: () => this.modelPool,
      trendingValue: (item) => this.trendValue(item),
    };
  }

  /** Adds or updates a published video; `isNew` puts it in the first traffic pool. */
  upsertVideo(meta: ItemMeta, isNew: boolean, now: number): PoolStep | null {
    const item = this.catalog.upsert(meta);
    return isNew ? this.pool.enter(item, meta.id, now) : null;
  }

  /**
   * Hot swap of a batch-retrained embedding (see retrain.ts) in one go: `beginSwap`, every slice
   * at once, `commitSwap`. Online learning goes on from the new vectors; videos the snapshot does
   * not know keep their online rows.
   */
  swapModel(
    version: string,
    snapshot: ModelSnapshot,
    now: number,
  ): { version: string; videos: number; covisitRows: number } {
    const stage = this.beginSwap(version, snapshot, now);
    while (!stage.step(Number.POSITIVE_INFINITY));
    return this.commitSwap(stage);
  }

  /**
   * A hot swap prepared in slices (swap-stage.ts): call `step` on the stage between pages until it
   * is ready, then `commitSwap`. Until then the old model serves and nothing it serves from changes.
   */
  beginSwap(version: string, snapshot: ModelSnapshot, now: number): SwapStage {
    this.embedding.checkFits(snapshot);
    return new SwapStage(
      version,
      snapshot,
      now,
      (id) => this.catalog.indexOf(id),
      MODEL_REACH,
      this.covisit.opts,
      (itemOf) => this.embedding.reserveFor(itemOf),
    );
  }

  /**
   * The switch: the staged table and pool replace the old ones by reference, the snapshot's rows
   * are written over the embedding's (ids already re-keyed), and the choice weights and version
   * are set, in one synchronous step, so a page is made wholly before or wholly after it.
   */
  commitSwap(stage: SwapStage): { version: string; videos: number; covisitRows: number } {
    if (!stage.ready) throw new Error('the swap is not staged yet');
    const { snapshot } = stage;
    const videos = this.embedding.loadMapped(snapshot, stage.itemOf, stage.now);
    let covisitRows = 0;
    if (stage.covisit) {
      covisitRows = stage.covisit.rowCount;
      this.covisit.adopt(stage.covisit);
    }
    this.choice = snapshot.choice ? Float64Array.from(snapshot.choice) : null;
    this.modelPool = stage.modelPool;
    this.modelVersion = stage.version;
    this.embeddingItems = null; // the pool's gathered vectors are the old model's
    return { version: stage.version, videos, covisitRows };
  }

  removeVideo(videoId: string): void {
    this.catalog.remove(videoId);
  }

  profileOf(actor: string): Profile | undefined {
    return this.profiles.get(actor);
  }

  private profile(actor: string): Profile {
    let p = this.profiles.get(actor);
    if (!p) {
      p = new Profile(this.profileRows);
      this.profiles.set(actor, p);
    }
    return p;
  }

  /** The video a signal is about: its video, else the latest video anchoring its product. */
  private itemOf(s: Signal): number {
    if (s.videoId) return this.catalog.indexOf(s.videoId);
    const list = s.productId ? this.catalog.byProduct.get(s.productId) : undefined;
    return list?.length ? list[list.length - 1]! : -1;
  }

  /** Learns from one committed signal; returns the traffic-pool steps it caused. */
  observe(s: Signal): PoolStep[] {
    const steps: PoolStep[] = [];
    const p = this.profile(s.actor);
    p.touch(s.at);
    const item = this.itemOf(s);
    // A follow reported from a video (a client event) follows that video's creator.
    if ((s.kind === 'follow' || s.kind === 'unfollow') && !s.creatorId && item >= 0)
      s = { ...s, creatorId: this.catalog.meta(item).creatorId };
    if (s.kind === 'follow' && s.creatorId) {
      p.follow(s.creatorId);
      p.interests.add(`c:${s.creatorId}`, interestWeight(s), s.at);
    } else if (s.kind === 'unfollow' && s.creatorId) {
      p.unfollow(s.creatorId);
      p.interests.add(`c:${s.creatorId}`, interestWeight(s), s.at);
    }
    this.outcomes.closeDue(s.at, this.train);
    if (item < 0) return steps;
    const poolEvent = POOL_EVENTS[s.kind];
    if (poolEvent) {
      const step = this.pool.record(item, poolEvent, s.at);
      if (step) steps.push(step);
    }
    this.learnRanking(s, item);
    const w = s.kind === 'follow' || s.kind === 'unfollow' ? 0 : interestWeight(s);
    this.drift?.observe(s, item, w);
    if (w === 0) return steps;
    const keys = this.catalog.keys(item);
    p.interests.add(keys.creator, w, s.at);
    if (keys.category) p.interests.add(keys.category, w, s.at);
    for (const t of keys.tags) p.interests.add(t, w * 0.5, s.at);
    if (keys.band) p.interests.add(keys.band, w * 0.5, s.at);
    if (s.kind === 'not_interested') p.hide(item);
    if (w >= 1) {
      const { items, at } = p.recentItems();
      this.covisit.observe(items, at, item, s.at);
      p.pushRecent(item, s.at);
      this.trending.add(item, s.at, w);
      this.touched.add(item);
    }
    if (w >= 1 || w < 0) this.embedding.step(s.actor, item, w > 0, s.at, Math.abs(w) / 4);
    return steps;
  }

  /** Joins outcomes to what the engine served; pairs served by another path are not training data. */
  private learnRanking(s: Signal, item: number): void {
    const what =
      LABELS[s.kind] ??
      (s.kind === 'view_progress' && s.durationMs && (s.watchMs ?? 0) >= 0.9 * s.durationMs ? 'complete' : undefined);
    if (what) this.outcomes.mark(s.actor, item, what, this.train);
  }

  private readonly hashScratch = new Uint32Array(FEATURE_COUNT);
  /** The features of a served pair, copied into the outcome log. */
  private readonly servedScratch = new Int32Array(FEATURE_COUNT);
  private readonly pair: PairContext = {
    source: null,
    retrieval: 0,
    embedding: 0,
    trending: 0,
    followed: false,
    now: 0,
  };

  /** The pair's feature slots, into `out`. */
  private features(
    p: Profile | undefined,
    c: src.Candidate,
    emb: number,
    now: number,
    aff: Affinities,
    out: Int32Array,
  ): Int32Array {
    const pair = this.pair;
    pair.source = c.source;
    pair.retrieval = c.retrieval;
    pair.embedding = emb;
    pair.trending = this.trendValue(c.item);
    pair.followed = p?.follows.has(this.catalog.meta(c.item).creatorId) ?? false;
    pair.now = now;
    pairFeatures(this.catalog, c.item, aff, pair, this.hashScratch);
    return this.ranker.slots(this.hashScratch, out);
  }

  /** Refreshes the trending top from the previous top and the videos touched since (order within is kept by uniform decay). */
  private refreshTrending(now: number): void {
    if (now - this.trendAt < TRENDING_EVERY_MS && this.touched.size < 1000) return;
    const all = new Set([...this.trendTop, ...this.touched]);
    this.touched.clear();
    const value = this.trending.readerAt(now);
    this.trendTop = [...all]
      .filter((i) => this.catalog.isLive(i))
      .sort((a, b) => value(b) - value(a) || b - a)
      .slice(0, TRENDING_TOP);
    this.trendValue = value;
    this.trendAt = now;
  }

  /** Made again with fresh vectors whenever the trending top is refreshed (every few seconds) or a video is added. */
  private embeddingPool(): GatheredVectors {
    const size = this.catalog.size;
    if (this.embeddingItems?.top !== this.trendTop || this.embeddingItems.size !== size) {
      this.embeddingItems = {
        top: this.trendTop,
        size,
        pool: this.embedding.gather(src.embeddingPoolOf(this.trendTop, size)),
      };
    }
    return this.embeddingItems.pool;
  }

  /** One source's candidates alone, for measuring it (same skips as the feed). */
  candidates(
    actor: string,
    source: src.SourceName,
    n: number,
    now: number,
    isShown: (id: string) => boolean = () => false,
    shared?: src.Skip,
  ): src.Candidate[] {
    this.refreshTrending(now);
    const p = this.profiles.get(actor);
    const skip = shared ?? this.skipper(p, isShown);
    const empty = EMPTY_PROFILE;
    switch (source) {
      case 'followed':
        return src.followedSource(this.state, p ?? empty, skip, n);
      case 'covisit':
        return src.covisitSource(this.state, p ?? empty, skip, n, now);
      case 'category':
        return src.categorySource(this.state, p ?? empty, skip, n, now, this.drift?.topCategories(actor, p, now));
      case 'tag':
        return src.tagSource(this.state, p ?? empty, skip, n, now);
      case 'embedding':
        return src.embeddingSource(this.state, actor, skip, n);
      case 'trending':
        return src.trendingSource(this.state, skip, n);
      case 'pool':
        return src.poolSource(this.state, skip, n);
      case 'fresh':
        return src.freshSource(this.state, skip, n);
      case 'explore':
        return this.drift ? this.drift.candidates(this.state, actor, n, now, skip) : [];
    }
  }

  /**
   * What a page must not offer: removed videos, hidden or just-engaged ones, and those shown in
   * the session. Memoised per request in two arrays indexed by item (a request's stamp marks the
   * items decided), as the sources ask about the same items several times.
   */
  private skipper(p: Profile | undefined, isShown: (id: string) => boolean): src.Skip {
    if (this.skipStamps.length < this.catalog.size) {
      const size = Math.max(this.catalog.size, this.skipStamps.length * 2);
      this.skipStamps = new Uint32Array(size);
      this.skipBits = new Uint8Array(size);
    }
    this.skipEpoch = (this.skipEpoch + 1) >>> 0;
    if (this.skipEpoch === 0) {
      this.skipStamps.fill(0);
      this.skipEpoch = 1;
    }
    const epoch = this.skipEpoch;
    const stamps = this.skipStamps;
    const bits = this.skipBits;
    return (item) => {
      if (stamps[item] === epoch) return bits[item] === 1;
      const skip =
        !this.catalog.isLive(item) ||
        (p !== undefined && (p.hidden.has(item) || p.hasRecent(item))) ||
        isShown(this.catalog.meta(item).id);
      stamps[item] = epoch;
      bits[item] = skip ? 1 : 0;
      return skip;
    };
  }

  /** Every candidate of a page for the person, valued by the model (not yet diversified). */
  private score(
    actor: string,
    p: Profile | undefined,
    req: Pick<RecommendRequest, 'now' | 'isShown' | 'multiplier'>,
  ): Scored[] {
    const { now } = req;
    const n = this.opts.perSource;
    const merged = new Map<number, src.Candidate>();
    const skip = this.skipper(p, req.isShown);
    this.pageSkip = skip;
    for (const source of src.SOURCES) {
      if (source === 'explore') continue;
      const list = this.candidates(
        actor,
        source,
        source === 'pool'
          ? this.opts.poolPerPage * 3
          : source === 'embedding' && this.modelPool
            ? (this.opts.modelPerSource ?? n)
            : n,
        now,
        req.isShown,
        skip,
      );
      for (const c of list) if (!merged.has(c.item)) merged.set(c.item, c);
    }
    const cands = [...merged.values()];
    const items = Int32Array.from(cands, (c) => c.item);
    const emb = new Float32Array(cands.length);
    this.embedding.score(actor, items, emb);
    const shifts = new Float64Array(cands.length);
    if (this.choice) choiceShifts(this.choice, items, emb, this.choiceReader.read(p, now), shifts);
    const aff = affinities(p, now);
    const slots = new Int32Array(FEATURE_COUNT);
    const drift = this.drift?.factors(actor, aff, now) ?? null;
    return cands.map((c, j) => this.scored(p, c, emb[j]!, now, aff, slots, req.multiplier, drift, shifts[j]!));
  }

  private scored(
    p: Profile | undefined,
    c: src.Candidate,
    emb: number,
    now: number,
    aff: Affinities,
    slots: Int32Array,
    multiplier: RecommendRequest['multiplier'],
    drift: ((item: number) => number) | null,
    shift = 0,
  ): Scored {
    const meta = this.catalog.meta(c.item);
    const value = this.valueOf(p, c, emb, now, aff, slots, meta.priceFen, shift) * (drift ? drift(c.item) : 1);
    return {
      item: c.item,
      value: value * (multiplier ? multiplier(meta) : 1),
      creator: meta.creatorId,
      category: meta.categoryId,
      cand: c,
      emb,
      aff,
    };
  }

  /** The page's exploration items (drift.ts), valued like the others, in their reserved slots. */
  private reserveExploreSlots(actor: string, p: Profile | undefined, page: Scored[], req: RecommendRequest): void {
    if (!this.drift) return;
    const onPage = new Set(page.map((r) => r.item));
    const skip = this.pageSkip;
    const cands = this.drift.candidates(
      this.state,
      actor,
      req.limit,
      req.now,
      (item) => onPage.has(item) || skip(item),
    );
    const emb = new Float32Array(cands.length);
    if (cands.length)
      this.embedding.score(
        actor,
        Int32Array.from(cands, (c) => c.item),
        emb,
      );
    const aff = affinities(p, req.now);
    const slots = new Int32Array(FEATURE_COUNT);
    // A video held back from outside (throttling, surge protection) is not given a reserved slot.
    const allowed = (c: src.Candidate): boolean => !req.multiplier || req.multiplier(this.catalog.meta(c.item)) >= 1;
    const items = cands
      .map((c, j) => this.scored(p, c, emb[j]!, req.now, aff, slots, req.multiplier, null))
      .filter((r) => allowed(r.cand));
    const explored = this.drift.place(page, items);
    this.drift.table.countPage(page.length, explored);
  }

  private readonly probs = new Float64Array(3);

  private valueOf(
    p: Profile | undefined,
    c: src.Candidate,
    emb: number,
    now: number,
    aff: Affinities,
    slots: Int32Array,
    priceFen: number | null,
    shift: number,
  ): number {
    this.features(p, c, emb, now, aff, slots);
    return (
      impressionValue(this.ranker.predict(slots, this.probs, shift), priceFen, this.opts.value) +
      this.opts.retrievalPrior * SOURCE_PRIOR[c.source]
    );
  }

  /**
   * The embedding's person vectors of `actors` (row-major, `dim` each; a zero row and found = 0
   * for someone with no history): what "people like my buyers" audiences are computed from.
   */
  personVectors(actors: readonly string[]): { dim: number; vectors: Float32Array; found: Uint8Array } {
    const dim = this.embedding.opts.dim;
    const vectors = new Float32Array(actors.length * dim);
    const found = new Uint8Array(actors.length);
    actors.forEach((a, k) => {
      found[k] = this.embedding.personVectorInto(a, vectors.subarray(k * dim, k * dim + dim)) ? 1 : 0;
    });
    return { dim, vectors, found };
  }

  /**
   * The engage and purchase heads for these videos with no person's features (item-heads.ts):
   * what paid traffic's auction calibrates its click and conversion priors from. Reads no profile.
   */
  itemHeads(videoIds: readonly string[], now: number): ItemHeads {
    return itemHeads(this.catalog, this.ranker, this.trendValue, videoIds, now, undefined, this.productAverages);
  }

  /** Each product's item-level purchase part (written by itemHeads and on a miss), reused by viewerHeads for a minute. */
  private readonly productAverages = new ProductAverages();

  /**
   * The same heads for one person, with their affinities, follows and embedding score as the
   * ranker sees them — the product's purchase average from its item-level part kept for a minute
   * plus the person's fields (viewer-heads.ts) — paid traffic's per-viewer click
   * and conversion estimates for someone with personalisation on. At most
   * MAX_VIEWER_CREATIVES videos are answered (the rest not found).
   */
  viewerHeads(actor: string, videoIds: readonly string[], now: number): ItemHeads {
    const asked = videoIds.length > MAX_VIEWER_CREATIVES ? videoIds.slice(0, MAX_VIEWER_CREATIVES) : videoIds;
    const heads = viewerHeads(
      this.catalog,
      this.ranker,
      this.trendValue,
      asked,
      now,
      this.headsPerson(actor, now),
      this.productAverages,
    );
    if (asked === videoIds) return heads;
    const out: ItemHeads = {
      engage: new Float64Array(videoIds.length),
      purchase: new Float64Array(videoIds.length),
      found: new Uint8Array(videoIds.length),
    };
    out.engage.set(heads.engage);
    out.purchase.set(heads.purchase);
    out.found.set(heads.found);
    return out;
  }

  /**
   * viewerHeads computed in full — the purchase head averaged over the product's videos with the
   * person's features (21 predictions a creative): the decomposition's reference, for measuring it.
   */
  viewerHeadsInFull(actor: string, videoIds: readonly string[], now: number): ItemHeads {
    return itemHeads(this.catalog, this.ranker, this.trendValue, videoIds, now, this.headsPerson(actor, now));
  }

  private headsPerson(actor: string, now: number): HeadsPerson {
    const p = this.profiles.get(actor);
    return {
      affinities: affinities(p, now),
      follows: (item) => p?.follows.has(this.catalog.meta(item).creatorId) ?? false,
      scores: (items) => {
        const embedding = new Float32Array(items.length);
        this.embedding.score(actor, items, embedding);
        return embedding;
      },
    };
  }

  /** A personalised page: candidates from every source, valued by the model, diversified. */
  recommend(actor: string, req: RecommendRequest): Recommended[] {
    const { now } = req;
    this.refreshTrending(now);
    this.outcomes.closeDue(now, this.train);
    this.outcomes.movedOn(actor, this.train);
    const p = this.profiles.get(actor);
    this.personalReads++;
    const scored = this.score(actor, p, req);
    const page = diversify(scored, req.limit);
    this.reservePoolSlot(page, scored);
    this.reserveExploreSlots(actor, p, page, req);
    for (const r of page)
      this.outcomes.served(
        actor,
        r.item,
        this.features(p, r.cand, r.emb, now, r.aff, this.servedScratch),
        now,
        this.train,
      );
    return page.map((r) => ({
      videoId: this.catalog.meta(r.item).id,
      value: r.value,
      reason: reasonFor(r.cand, this.catalog),
    }));
  }

  /**
   * Every video the person's page could draw from, with the model's value (replays and
   * offline evaluation: what the feed would rank, before diversity and the pool's slot).
   */
  valuedCandidates(
    actor: string,
    now: number,
    isShown: (videoId: string) => boolean = () => false,
  ): Map<number, number> {
    this.refreshTrending(now);
    const scored = this.score(actor, this.profiles.get(actor), { now, isShown });
    return new Map(scored.map((r) => [r.item, r.value]));
  }

  /**
   * Learning from a choice seen without serving it (a replayed history): when the chosen video
   * was among the person's candidates, it is a positive example for every head and `negatives`
   * of the other candidates negative ones, each with the features the feed would have ranked it
   * with. Returns whether the choice was a candidate.
   */
  learnChoice(actor: string, chosen: number, now: number, negatives: number, pick: (n: number) => number): boolean {
    this.refreshTrending(now);
    const p = this.profiles.get(actor);
    const scored = this.score(actor, p, { now, isShown: () => false });
    const own = scored.find((r) => r.item === chosen);
    if (!own) return false;
    const slots = new Int32Array(FEATURE_COUNT);
    this.features(p, own.cand, own.emb, now, own.aff, slots);
    this.ranker.update(slots, { complete: 1, engage: 1, purchase: 1 });
    const others = scored.filter((r) => r !== own);
    for (let k = 0; k < negatives && others.length > 0; k++) {
      const r = others[pick(others.length)]!;
      this.features(p, r.cand, r.emb, now, r.aff, slots);
      this.ranker.update(slots, { complete: 0, engage: 0, purchase: 0 });
    }
    return true;
  }

  /** Every page gives its traffic-pool video(s) a slot (third place), so new videos get their first audience. */
  private reservePoolSlot<
    T extends { item: number; value: number; creator: string; category: string | null; cand: src.Candidate },
  >(page: T[], scored: readonly T[]): void {
    const onPage = new Set(page.map((r) => r.item));
    const want = this.opts.poolPerPage - page.filter((r) => r.cand.source === 'pool').length;
    const extra = scored.filter((r) => r.cand.source === 'pool' && !onPage.has(r.item)).slice(0, Math.max(0, want));
    for (const r of extra) {
      const at = Math.min(2, page.length - 1);
      if (at < 0 || breaksRun(page.slice(0, at), r)) continue;
      page.splice(at, 1, r);
    }
  }

  /** A device's profile and embedding folded into the account it logged in to. */
  mergeProfile(device: string, account: string, now: number): boolean {
    const from = this.profiles.get(device);
    if (!from) return false;
    this.profile(account).mergeFrom(from, now);
    this.profiles.delete(device);
    from.release();
    this.drift?.table.forget(device);
    return true;
  }

  /** Forgets people not seen since `before` (profiles and embedding rows). */
  expire(before: number): number {
    let n = 0;
    for (const [actor, p] of this.profiles)
      if (p.lastAt < before) {
        this.profiles.delete(actor);
        p.release();
        n++;
      }
    this.embedding.expire(before);
    this.drift?.table.expire(before);
    return n;
  }
}
