/**
 * Where the interest engine runs. `LocalEngineHost` serves the desk in this thread (tests and
 * tools that look inside the engine); `ThreadEngineHost` (engine-thread.ts) on a worker thread,
 * so ranking and learning use the second core instead of the thread that answers HTTP. Both
 * send every request to the same `EngineDesk`, in order.
 */
import {
  OnlineEngine,
  type ItemHeads,
  type ItemMeta,
  type ModelSnapshot,
  type PoolStep,
  type Signal,
} from '@zhongcao/recsys';
import type { ShownFilter } from './shown-filter.js';
import {
  EngineDesk,
  type EngineRequest,
  type PersonVectors,
  type RecommendAnswer,
  type SwapAnswer,
} from './engine-desk.js';
import type { MultiplierTable } from './multipliers.js';

export interface EngineHost {
  /** True once a video was upserted (removed ones stay known). */
  knows(videoId: string): boolean;
  upsertVideos(metas: readonly ItemMeta[], poolSince: number, now: number | null): void;
  observe(signals: readonly Signal[]): void;
  /** A page for the actor, with the heads of paid traffic's candidate creatives for them when `creatives` are given. */
  recommend(
    actor: string,
    limit: number,
    now: number,
    shown: ShownFilter,
    creatives?: readonly string[],
  ): Promise<RecommendAnswer>;
  removeVideo(videoId: string): void;
  mergeProfile(device: string, account: string, now: number): Promise<boolean>;
  expire(before: number): void;
  setMultipliers(table: MultiplierTable): void;
  /** Hot swap of a retrained model: requests before it are served with the old vectors, after it with the new. */
  swapModel(version: string, snapshot: ModelSnapshot, now: number): Promise<SwapAnswer>;
  /** The embedding's person vectors of these actors. */
  personVectors(actors: readonly string[]): Promise<PersonVectors>;
  /** The engage and purchase heads of these videos with no person's features (paid traffic's priors). */
  itemHeads?(videoIds: readonly string[], now: number): Promise<ItemHeads>;
  /** Resolves when every request sent so far has been served. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Base of both hosts: requests as messages, and the ids the engine knows mirrored here. */
export abstract class MessageEngineHost implements EngineHost {
  private readonly known = new Set<string>();

  protected abstract send(req: EngineRequest): void;
  protected abstract ask(req: EngineRequest): Promise<unknown>;
  abstract close(): Promise<void>;

  knows(videoId: string): boolean {
    return this.known.has(videoId);
  }

  upsertVideos(metas: readonly ItemMeta[], poolSince: number, now: number | null): void {
    for (const m of metas) this.known.add(m.id);
    this.send({ op: 'upsert', metas, poolSince, now });
  }

  observe(signals: readonly Signal[]): void {
    this.send({ op: 'observe', signals });
  }

  recommend(
    actor: string,
    limit: number,
    now: number,
    shown: ShownFilter,
    creatives?: readonly string[],
  ): Promise<RecommendAnswer> {
    return this.ask({
      op: 'recommend',
      actor,
      limit,
      now,
      shown: shown.bytes,
      ...(creatives?.length ? { creatives } : {}),
    }) as Promise<RecommendAnswer>;
  }

  removeVideo(videoId: string): void {
    this.send({ op: 'remove', videoId });
  }

  mergeProfile(device: string, account: string, now: number): Promise<boolean> {
    return this.ask({ op: 'merge', device, account, now }) as Promise<boolean>;
  }

  expire(before: number): void {
    this.send({ op: 'expire', before });
  }

  setMultipliers(table: MultiplierTable): void {
    this.send({ op: 'multipliers', table });
  }

  swapModel(version: string, snapshot: ModelSnapshot, now: number): Promise<SwapAnswer> {
    return this.ask({ op: 'swap', version, snapshot, now }) as Promise<SwapAnswer>;
  }

  personVectors(actors: readonly string[]): Promise<PersonVectors> {
    return this.ask({ op: 'vectors', actors }) as Promise<PersonVectors>;
  }

  itemHeads(videoIds: readonly string[], now: number): Promise<ItemHeads> {
    return this.ask({ op: 'heads', videoIds, now }) as Promise<ItemHeads>;
  }

  async settled(): Promise<void> {
    await this.ask({ op: 'settled' });
  }
}

/** The engine in this thread: requests are served at once. */
export class LocalEngineHost extends MessageEngineHost {
  readonly engine = new OnlineEngine();
  private readonly desk: EngineDesk;

  constructor(onSteps: (steps: PoolStep[]) => void) {
    super();
    this.desk = new EngineDesk(this.engine, onSteps);
  }

  protected send(req: EngineRequest): void {
    this.desk.handle(req);
  }

  protected async ask(req: EngineRequest): Promise<unknown> {
    return this.desk.handle(req);
  }

  async close(): Promise<void> {}
}
