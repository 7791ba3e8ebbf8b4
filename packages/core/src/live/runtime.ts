/**
 * The live module's state in this process: the flash sales' desks, the rooms' figures, the
 * moderation hook and the listeners (the WebSocket hub) that broadcast what changed. One per store.
 */
import type { CoreContext, Db } from '../context.js';
import { runtimePart, runtimeOf } from '../platform/index.js';
import { ruleBookModerator, type CommentModerator } from './moderation.js';
import type { HotCounter } from './hot-counter.js';
import { RoomStatsTracker, type RoomCounters } from './room-stats.js';
import { SaleDesk } from './sale-desk.js';
import { saleView, type FlashSaleView } from './sale-info.js';

export type LiveEvent =
  | { roomId: string; kind: 'pin'; productId: string | null }
  | { roomId: string; kind: 'sale'; sale: FlashSaleView }
  | { roomId: string; kind: 'coupon'; coupon: unknown }
  | { roomId: string; kind: 'luckybag'; bag: unknown }
  | { roomId: string; kind: 'changed' }
  | { roomId: string; kind: 'opened' }
  | { roomId: string; kind: 'ended' };

export type LiveListener = (event: LiveEvent) => void;

export class LiveRuntime {
  private readonly listeners = new Set<LiveListener>();
  private readonly desks = new Map<string, Promise<SaleDesk | null>>();
  private readonly trackers = new Map<string, RoomStatsTracker>();
  private sampler: NodeJS.Timeout | null = null;
  /** The last activity of rooms forgotten since the last takeActivity. */
  private leftover: Array<{ room_id: string; minute: number; viewers: number; entries: number; comments: number }> = [];
  private hotCounter: HotCounter | null = null;
  moderator: CommentModerator;

  constructor(private readonly ctx: CoreContext) {
    this.moderator = ruleBookModerator(ctx);
  }

  on(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: LiveEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // a listener's failure never reaches the service that changed the room
      }
    }
  }

  /** Scaled mode: flash sales admit through this shared counter (desks opened from now on). */
  useHotCounter(counter: HotCounter | null): void {
    this.hotCounter = counter;
  }

  /** The desk of a sale in this process (opened on first use); null when the sale does not exist. */
  desk(saleId: string): Promise<SaleDesk | null> {
    let d = this.desks.get(saleId);
    if (!d) {
      d = SaleDesk.open(
        this.ctx,
        saleId,
        {
          placed: (sale, orders, _units, gmv, buyers) => {
            this.stats(sale.roomId).ordered(orders, gmv, buyers);
            void this.desks.get(sale.id)?.then(
              (desk) =>
                desk &&
                this.publish({
                  roomId: sale.roomId,
                  kind: 'sale',
                  sale: saleView({ ...sale, remaining: desk.remaining }, this.ctx.clock.now()),
                }),
            );
          },
        },
        this.hotCounter,
      );
      d.then(
        (x) => x ?? this.desks.delete(saleId),
        () => this.desks.delete(saleId),
      );
      this.desks.set(saleId, d);
    }
    return d;
  }

  /** The desk if this process already has one open (no load). */
  openDesk(saleId: string): Promise<SaleDesk | null> | undefined {
    return this.desks.get(saleId);
  }

  stats(roomId: string, seed?: Partial<RoomCounters>): RoomStatsTracker {
    let t = this.trackers.get(roomId);
    if (!t) {
      t = new RoomStatsTracker(seed);
      this.trackers.set(roomId, t);
      this.startSampler();
    }
    return t;
  }

  hasStats(roomId: string): boolean {
    return this.trackers.has(roomId);
  }

  /** Each room's activity since the last call (the minutes 罗盘 keeps for live analysis). */
  takeActivity(
    now: number,
  ): Array<{ room_id: string; minute: number; viewers: number; entries: number; comments: number }> {
    const out = this.leftover;
    this.leftover = [];
    for (const [roomId, t] of this.trackers) {
      const a = t.takeActivity(now);
      if (a) out.push({ room_id: roomId, ...a });
    }
    return out;
  }

  forgetRoom(roomId: string): void {
    const last = this.trackers.get(roomId)?.takeActivity(this.ctx.clock.now());
    if (last) this.leftover.push({ room_id: roomId, ...last });
    this.trackers.delete(roomId);
  }

  private startSampler(): void {
    if (this.sampler) return;
    this.sampler = setInterval(() => {
      const at = this.ctx.clock.now();
      for (const t of this.trackers.values()) t.sample(at);
    }, 1000);
    this.sampler.unref();
  }

  /** Stops sampling the rooms' figures (the store is closing). */
  stop(): void {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
    this.listeners.clear();
  }
}

/** The live module's part of the process runtime; made from the first context that asks. */
const livePart = runtimePart<{ live: LiveRuntime | null }, Db>(
  'live.runtime',
  () => ({ live: null }),
  (slot) => slot.live?.stop(),
);

/** The runtime of this store in this process. */
export function liveRuntime(ctx: CoreContext): LiveRuntime {
  const slot = runtimeOf(ctx.db).use(livePart);
  slot.live ??= new LiveRuntime(ctx);
  return slot.live;
}
