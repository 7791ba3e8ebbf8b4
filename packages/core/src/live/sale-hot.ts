/**
 * One sale's admission through the shared hot counter (hot-counter.ts), in one api process: the
 * reservation step, the counter's creation from the database when it is missing (a new sale, or
 * Redis came back empty: it is rebuilt before any reservation goes through it again), the
 * settling of reservations in batches, and the reconciliations with the database — at most once a
 * second when the counter refuses (units may have come back: a lapsed order, a dead process's
 * reservation), and soon after the database refused units the counter had granted.
 */
import { randomBytes } from 'node:crypto';
import type { CoreContext } from '../context.js';
import { hotToken, type HotCounter, type HotReply } from './hot-counter.js';
import type { SaleInfo } from './sale-info.js';

/** An in-flight reservation older than this belongs to a process that died before settling it. */
export const HOT_STALE_MS = 10_000;
const RECONCILE_AFTER_REFUSAL_MS = 1_000;
/**
 * A counter that does not answer within this time (its store is restarting: commands wait for the
 * reconnection) is treated as unreachable, and the desk admits through its in-process gate: a
 * buyer is never kept waiting long on it. A reservation the store grants after that is released at
 * once (one that never answers goes stale and a reconciliation drops it).
 */
const ANSWER_WITHIN_MS = 2_000;
const RECONCILE_AFTER_DB_REFUSAL_MS = 200;
/** The counter outlives its sale by a day (late payments, cancellations), then Redis forgets it. */
const KEEP_AFTER_END_MS = 86_400_000;

export type HotAdmitted =
  | { verdict: 'ok'; remaining: number; token: string }
  | { verdict: 'SALE_SOLD_OUT' | 'SALE_LIMIT_REACHED'; remaining: number };

export class HotAdmission {
  private seeding: Promise<void> | null = null;
  private reconciling: Promise<void> | null = null;
  private reconciledAt = 0;
  private committed: string[] = [];
  private released: Array<{ token: string; buyerId: string; quantity: number }> = [];
  private flushScheduled = false;
  private readonly tokenPrefix = randomBytes(6).toString('hex');
  private seq = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly counter: HotCounter,
    private readonly sale: () => SaleInfo,
  ) {}

  /** Asks the counter for the units; 'unreachable' when its store does not answer (or cannot be seeded). */
  async admit(buyerId: string, quantity: number, now: number): Promise<HotAdmitted | 'unreachable'> {
    const token = hotToken(buyerId, quantity, `${this.tokenPrefix}${(this.seq++).toString(36)}`);
    const reserve = async (): Promise<HotReply> => {
      const asked = this.counter.reserve(this.sale().id, buyerId, quantity, this.sale().perPersonLimit, token, now);
      try {
        return await within(asked);
      } catch (err) {
        // Granted after we stopped waiting: give the units straight back rather than leave them to go stale.
        asked.then(
          (late) => late.verdict === 'ok' && this.release(token, buyerId, quantity),
          () => {},
        );
        throw err;
      }
    };
    try {
      let reply = await reserve();
      if (reply.verdict === 'UNSEEDED') {
        await this.seed();
        reply = await reserve();
      }
      if (
        reply.verdict !== 'ok' &&
        reply.verdict !== 'UNSEEDED' &&
        performance.now() - this.reconciledAt > RECONCILE_AFTER_REFUSAL_MS
      ) {
        // The counter may be behind the database: reconcile once, then ask again. A database that
        // answers slowly (busy, restarting) only delays this; the counter's refusal stands.
        const reconciled = await this.reconcile().then(
          () => true,
          (err: unknown) => {
            if (err instanceof CounterUnavailable) throw err;
            return false;
          },
        );
        if (reconciled) reply = await reserve();
      }
      if (reply.verdict === 'UNSEEDED') return 'unreachable';
      return reply.verdict === 'ok'
        ? { verdict: 'ok', remaining: reply.remaining, token }
        : { verdict: reply.verdict, remaining: reply.remaining };
    } catch {
      return 'unreachable';
    }
  }

  /** The reservation became an order row: its units stay taken. */
  commit(token: string): void {
    this.committed.push(token);
    this.scheduleFlush();
  }

  /** The reservation did not become an order: its units return. */
  release(token: string, buyerId: string, quantity: number): void {
    this.released.push({ token, buyerId, quantity });
    this.scheduleFlush();
  }

  /** The database refused units the counter granted: bring the counter back to the truth soon. */
  reconcileSoon(): void {
    if (performance.now() - this.reconciledAt < RECONCILE_AFTER_DB_REFUSAL_MS) return;
    void this.reconcile().catch(() => {});
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const committed = this.committed;
      const released = this.released;
      this.committed = [];
      this.released = [];
      // Lost settlements (the store is away) leave reservations in flight until they go stale and a reconciliation drops them.
      this.counter.settle(this.sale().id, committed, released).catch(() => {});
    });
  }

  /** Creates the counter from the database (one creation per process at a time; the store keeps the first). */
  private seed(): Promise<void> {
    this.seeding ??= (async () => {
      try {
        const sale = this.sale();
        const [row, holdings] = await Promise.all([
          this.ctx.db
            .selectFrom('live_flash_sales')
            .select('remaining')
            .where('id', '=', sale.id)
            .executeTakeFirstOrThrow(),
          this.ctx.db
            .selectFrom('live_sale_buyers')
            .select(['buyer_id', 'quantity'])
            .where('sale_id', '=', sale.id)
            .execute(),
        ]);
        await within(
          this.counter.seed(sale.id, {
            remaining: Number(row.remaining),
            holdings: holdings.map((h) => [h.buyer_id, Number(h.quantity)] as const),
            expiresAt: sale.endsAt + KEEP_AFTER_END_MS,
          }),
        );
      } finally {
        this.seeding = null;
      }
    })();
    return this.seeding;
  }

  private reconcile(): Promise<void> {
    this.reconciledAt = performance.now();
    this.reconciling ??= (async () => {
      try {
        const row = await this.ctx.db
          .selectFrom('live_flash_sales')
          .select('remaining')
          .where('id', '=', this.sale().id)
          .executeTakeFirst();
        if (row)
          await within(
            this.counter.reconcile(
              this.sale().id,
              { remaining: Number(row.remaining) },
              this.ctx.clock.now(),
              HOT_STALE_MS,
            ),
          );
      } finally {
        this.reconciling = null;
      }
    })();
    return this.reconciling;
  }
}

/** The counter's store failed or did not answer in time (the database's reads around it are not timed: they are the truth). */
class CounterUnavailable extends Error {}

/** Waits for one of the counter's commands, at most ANSWER_WITHIN_MS; its failure becomes CounterUnavailable. */
function within<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CounterUnavailable('the hot counter did not answer in time')),
      ANSWER_WITHIN_MS,
    );
  });
  const asked = p.catch((err: unknown) => {
    throw new CounterUnavailable(err instanceof Error ? err.message : String(err));
  });
  asked.catch(() => {}); // a late failure after the deadline is nobody's concern
  return Promise.race([asked, late]).finally(() => clearTimeout(timer));
}
