/**
 * Scaled mode: the rollups as a durable consumer of the stream (the worker role). The stream's
 * messages name the raw rows that committed — a paid order (`order.paid`), a completed refund
 * (`refund.succeeded`), a review (`review.created`), an after-sales case (`aftersales.requested`),
 * a batch of stored events (`events.recorded`, written with the rows by the process that stored
 * them) — and the consumer reads those rows by id through the same code as a window's read
 * (`factsOf`), so what it adds is what a rebuild recounts.
 *
 * Exactly once: the messages the stream has delivered together (up to a bound) are added in one
 * transaction with their ids (`analytics_stream_handled`), less those already there, and the
 * transaction fails whole if one of them was recorded meanwhile; a redelivery (an acknowledgement
 * lost, a consumer restarted between the write and the ack) finds its id and adds nothing (see
 * `stream-batch.ts`). A table of ids rather than a stream sequence per subject: deliveries are not in
 * sequence order once one is retried (a message left for redelivery comes after later ones), and
 * an outbox event relayed again after the duplicate window is a new sequence with the same id.
 * The ids are pruned past the stream's retention (a message older than that cannot come again).
 *
 * The floor: rows committed at or before the `compass` cursor are counted from the raw rows (the
 * consumer's first start catches up there; a rebuild recounts up to its watermark and leaves the
 * cursor there), so a message naming such a row adds nothing. Each message's write is conditional
 * on the cursor still standing at the floor it read, so a rebuild (which first removes the cursor)
 * and the consumer never both count a row: while there is no cursor, messages wait for redelivery.
 */
import type { CoreContext } from '../context.js';
import { runtimePart, runtimeOf } from '../platform/index.js';
import type { Stream, StreamConsumer, StreamMessage, OutboxStreamPayload } from '../stream/index.js';
import { COMMIT_GRACE_MS, COMPASS_CURSOR, consumeRollups } from './consumer.js';
import type { FactIds } from './facts.js';
import { SqlRollupStore, type RollupStore } from './rollup-store.js';
import {
  handleRollupMessages,
  PartlyHandled,
  ROLLUP_BATCH_MESSAGES,
  WaitingForRebuild,
  type RollupBatchResult,
  type RollupMessage,
} from './stream-batch.js';
import { DAY_MS } from './time-buckets.js';

/** The durable consumer's name. */
export const ROLLUPS_CONSUMER = 'rollups';

/** The outbox topics whose rows the rollups count, and the kind of row each names by its subject id. */
export const ROLLUP_TOPICS = {
  'order.paid': 'orders',
  'refund.succeeded': 'refunds',
  'review.created': 'reviews',
  'aftersales.requested': 'cases',
  'events.recorded': 'events',
} as const satisfies Record<string, keyof FactIds>;
type RollupTopic = keyof typeof ROLLUP_TOPICS;

/**
 * A message the stream took this long before the floor names rows committed before the floor
 * (they are relayed after their commit), so it is acknowledged without a transaction: a first
 * start, which catches up from the database, does not replay the stream's seven days one
 * transaction at a time. The margin covers the stream's clock running behind the writers'.
 */
export const FLOOR_SKEW_MS = 60_000;

/** How long handled ids are kept: the stream keeps messages seven days; a day's margin. */
export const HANDLED_KEPT_MS = 8 * DAY_MS;
const PRUNE_EVERY_MS = 3_600_000;
/** How many of the ids it handled a consumer remembers, to tell its own repeats from earlier handling. */
const REMEMBERED_IDS = 10_000;

/** The rows a message names (null: a message the rollups do not read). Pure. */
export function rowsNamedBy(message: Pick<StreamMessage, 'subject' | 'payload'>): FactIds | null {
  if (!message.subject.startsWith('outbox.')) return null;
  const p = message.payload as OutboxStreamPayload;
  const kind = ROLLUP_TOPICS[p.topic as RollupTopic];
  if (!kind) return null;
  if (kind === 'events') {
    const ids = (p.payload as { ids?: unknown })?.ids;
    return { events: Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : [] };
  }
  return { [kind]: [p.subjectId] };
}

export interface RollupStreamFigures {
  /** Messages whose facts were added (once each). */
  messages: number;
  /** Facts added. */
  facts: number;
  /** Deliveries of a message already handled (nothing added). */
  duplicates: number;
  /**
   * Of the duplicates, the messages this consumer had already been handed (earlier in the same
   * batch, or among the last `REMEMBERED_IDS` it handled): JetStream delivers at least once, and a
   * consumer taking over a stopped one's pull can be handed one of its messages twice (the server
   * sends again what it had sent to the stopped pull, and the stopped pull gives it back too). The
   * others were handled before this consumer started: by another worker that committed and was
   * stopped before it acknowledged, or delivered again after the acknowledgement wait.
   */
  repeats: number;
  /** Deliveries left for later because a rebuild was running (no cursor). */
  waited: number;
  /** Messages taken by the stream well before the floor: acknowledged unread. */
  beforeFloor: number;
  /** Transactions that added facts (several messages each when the stream delivered several). */
  transactions: number;
}

export interface RollupStreamConsumer {
  figures: RollupStreamFigures;
  consumer: StreamConsumer;
}

/** Stores whose rollups this process feeds from the stream: the background loop leaves them alone. */
const fedPart = runtimePart<{ on: boolean }, object>('analytics.fed-by-stream', () => ({ on: false }));

/** True when this store's rollups are fed by a stream consumer in this process (the tick must not read windows too). */
export function rollupsFedByStream(ctx: CoreContext): boolean {
  return runtimeOf(ctx.db as object).peek(fedPart)?.on ?? false;
}

/**
 * Starts the durable consumer `rollups` on the stream and marks the store as fed by it. On its
 * first start (no cursor yet, or no message handled yet, as when a store leaves the embedded
 * layout), the rows committed until now are read from the database first, so the floor is now.
 * The stream hands over what it has delivered, up to `ROLLUP_BATCH_MESSAGES` at once; they are
 * added in one transaction and acknowledged after it commits.
 */
export async function consumeRollupsFromStream(
  ctx: CoreContext,
  stream: Stream,
  store: RollupStore = new SqlRollupStore(ctx.db),
  onError: (err: Error) => void = () => {},
): Promise<RollupStreamConsumer> {
  runtimeOf(ctx.db as object).use(fedPart).on = true;
  const figures: RollupStreamFigures = {
    messages: 0,
    facts: 0,
    duplicates: 0,
    repeats: 0,
    waited: 0,
    beforeFloor: 0,
    transactions: 0,
  };
  if ((await store.cursor(COMPASS_CURSOR)) === null || !(await store.anyHandled())) await catchUp(ctx, store);
  // The floor as it stands now; it only moves forward (a rebuild leaves it at its later watermark), so a stale value only skips less.
  const floor = await store.cursor(COMPASS_CURSOR);
  let lastPrune = 0;
  const remembered = new Set<string>();
  const count = (r: RollupBatchResult): void => {
    figures.messages += r.added;
    figures.duplicates += r.duplicates;
    figures.facts += r.facts;
    figures.transactions += r.transactions;
  };
  /** Handles the messages; returns those left for redelivery. */
  const handle = async (all: ReadonlyArray<RollupMessage & { m: StreamMessage }>): Promise<StreamMessage[]> => {
    let todo = all;
    try {
      count(await handleRollupMessages(ctx, store, todo));
      return [];
    } catch (thrown) {
      let err = thrown;
      if (err instanceof PartlyHandled) {
        // Earlier groups committed: only the rest is tried again.
        count(err.done);
        todo = err.left as typeof todo;
        err = err.failure;
      }
      if (err instanceof WaitingForRebuild) {
        figures.waited += todo.length;
        return todo.map((t) => t.m);
      }
      onError(err as Error);
      if (todo.length === 1) return [todo[0]!.m];
      // One message per transaction, so only one that cannot be read or written waits (the others' ids are found handled if they committed).
      const left: StreamMessage[] = [];
      for (const t of todo) left.push(...(await handle([t])));
      return left;
    }
  };
  const consumer = await stream.consumeBatches(
    ROLLUPS_CONSUMER,
    Object.keys(ROLLUP_TOPICS).map((t) => `outbox.${t}`),
    async (batch) => {
      const todo: Array<RollupMessage & { m: StreamMessage }> = [];
      for (const m of batch) {
        const named = rowsNamedBy(m);
        if (!named) continue;
        if (floor !== null && m.publishedAt < floor - FLOOR_SKEW_MS) figures.beforeFloor++;
        else todo.push({ id: m.id, named, m });
      }
      figures.repeats += countRepeats(todo, remembered);
      const left = todo.length ? await handle(todo) : [];
      const back = new Set(left);
      for (const t of todo) if (!back.has(t.m)) remember(remembered, t.id);
      const now = ctx.clock.now();
      if (now - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = now;
        // The batch is counted by now: a prune that fails must not send its messages back (they would come again as duplicates); it is tried again next time.
        await store.pruneHandled(now - HANDLED_KEPT_MS).catch((err: unknown) => onError(err as Error));
      }
      return left;
    },
    { maxBatch: ROLLUP_BATCH_MESSAGES },
  );
  return {
    figures,
    consumer: {
      async stop() {
        await consumer.stop();
        runtimeOf(ctx.db as object).use(fedPart).on = false;
      },
    },
  };
}

/** Messages whose id this consumer has seen handled, or which come twice in the batch. */
function countRepeats(todo: ReadonlyArray<{ id: string }>, remembered: ReadonlySet<string>): number {
  const inBatch = new Set<string>();
  let n = 0;
  for (const t of todo) {
    if (remembered.has(t.id) || inBatch.has(t.id)) n++;
    inBatch.add(t.id);
  }
  return n;
}

/** Adds a handled id, forgetting the oldest beyond `REMEMBERED_IDS` (a Set iterates in insertion order). */
function remember(ids: Set<string>, id: string): void {
  if (ids.has(id)) return;
  ids.add(id);
  if (ids.size > REMEMBERED_IDS) ids.delete(ids.values().next().value as string);
}

/** Reads the rows committed until now from the database (the floor moves to now, less the commit grace). */
async function catchUp(ctx: CoreContext, store: RollupStore): Promise<void> {
  const target = ctx.clock.now() - COMMIT_GRACE_MS;
  let before = Number.NEGATIVE_INFINITY;
  for (;;) {
    const r = await consumeRollups(ctx, store);
    if (r.position >= target || r.position <= before) return; // caught up (or another process is consuming)
    before = r.position;
  }
}
