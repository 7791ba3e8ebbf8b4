/**
 * The 罗盘 rollups' stream consumer, one batch at a time: the messages the stream delivered
 * together are added in one transaction (per `ROLLUP_BATCH_ROWS` rows they name) with the ids of
 * those not handled before, so a batch costs one transaction rather than one per message, and a
 * message delivered again, in the same batch or later, adds nothing.
 */
import type { CoreContext } from '../context.js';
import { aggregate } from './aggregate.js';
import { COMPASS_CURSOR, exclusive } from './consumer.js';
import { factsOf, type FactIds } from './facts.js';
import type { RollupStore } from './rollup-store.js';

/**
 * A batch split into several transactions failed after some of them committed: what they added,
 * the messages not handled (the failed group and those after it), and the failure.
 */
export class PartlyHandled<T extends RollupMessage = RollupMessage> extends Error {
  constructor(
    readonly done: RollupBatchResult,
    readonly left: readonly T[],
    readonly failure: unknown,
  ) {
    super(
      `罗盘 rollups: ${left.length} messages left after a failure: ${String((failure as Error)?.message ?? failure)}`,
    );
  }
}

/** Thrown while a rebuild runs (no cursor): the messages wait for redelivery. */
export class WaitingForRebuild extends Error {
  constructor() {
    super('罗盘 rollups: a rebuild is running (no cursor); the message waits for redelivery');
  }
}

/** A message the rollups read: its id and the rows it names. */
export interface RollupMessage {
  id: string;
  named: FactIds;
}

export interface RollupBatchResult {
  /** Messages whose facts were added. */
  added: number;
  /** Messages already handled (or repeated within the batch): nothing added for them. */
  duplicates: number;
  facts: number;
  /** Transactions that added something. */
  transactions: number;
}

/** The most messages the stream hands the consumer at once (what it has delivered and not yet handled, up to this). */
export const ROLLUP_BATCH_MESSAGES = 100;
/** The most rows one transaction reads by id (a batch naming more is split). */
export const ROLLUP_BATCH_ROWS = 2_000;

const namedCount = (n: FactIds): number =>
  (n.orders?.length ?? 0) +
  (n.refunds?.length ?? 0) +
  (n.events?.length ?? 0) +
  (n.reviews?.length ?? 0) +
  (n.cases?.length ?? 0);

/** The rows several messages name, kind by kind (a row named twice is read once). Pure. */
export function mergeNamed(named: readonly FactIds[]): FactIds {
  const out: { [K in keyof FactIds]-?: Set<string> } = {
    orders: new Set(),
    refunds: new Set(),
    events: new Set(),
    reviews: new Set(),
    cases: new Set(),
  };
  for (const n of named)
    for (const k of Object.keys(out) as Array<keyof FactIds>) for (const id of n[k] ?? []) out[k].add(id);
  const merged: FactIds = {};
  for (const k of Object.keys(out) as Array<keyof FactIds>) if (out[k].size) merged[k] = [...out[k]];
  return merged;
}

/** Splits messages in delivery order into groups naming at most `maxRows` rows each (a larger message alone). Pure. */
export function groupByRows<T extends RollupMessage>(messages: readonly T[], maxRows = ROLLUP_BATCH_ROWS): T[][] {
  const groups: T[][] = [];
  let rows = 0;
  for (const m of messages) {
    const n = namedCount(m.named);
    const last = groups.at(-1);
    if (last && rows + n <= maxRows) {
      last.push(m);
      rows += n;
    } else {
      groups.push([m]);
      rows = n;
    }
  }
  return groups;
}

/**
 * Adds several messages' facts, each message once, in one transaction per group of at most
 * `ROLLUP_BATCH_ROWS` named rows, with the ids of the messages not handled before. Throws while
 * a rebuild runs (the messages wait for redelivery). When a group fails after earlier ones
 * committed, throws `PartlyHandled` with what those added and the messages left, so only those
 * are tried again (the committed ones would only be found handled).
 */
export async function handleRollupMessages<T extends RollupMessage>(
  ctx: CoreContext,
  store: RollupStore,
  messages: readonly T[],
): Promise<RollupBatchResult> {
  const total: RollupBatchResult = { added: 0, duplicates: 0, facts: 0, transactions: 0 };
  const groups = groupByRows(messages);
  for (const [g, group] of groups.entries()) {
    let r: RollupBatchResult;
    try {
      r = await exclusive(ctx.db, () => handleGroup(ctx, store, group));
    } catch (err) {
      if (g === 0) throw err;
      throw new PartlyHandled(total, groups.slice(g).flat(), err);
    }
    total.added += r.added;
    total.duplicates += r.duplicates;
    total.facts += r.facts;
    total.transactions += r.transactions;
  }
  return total;
}

async function handleGroup(
  ctx: CoreContext,
  store: RollupStore,
  group: readonly RollupMessage[],
): Promise<RollupBatchResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const handled = await store.handledAmong([...new Set(group.map((m) => m.id))]);
    const fresh = new Map<string, FactIds>();
    for (const m of group) if (!handled.has(m.id) && !fresh.has(m.id)) fresh.set(m.id, m.named);
    const duplicates = group.length - fresh.size;
    if (!fresh.size) return { added: 0, duplicates, facts: 0, transactions: 0 };
    const floor = await store.cursor(COMPASS_CURSOR);
    if (floor === null) throw new WaitingForRebuild();
    const found = await factsOf(ctx.db, { after: floor, ids: mergeNamed([...fresh.values()]) });
    const now = ctx.clock.now();
    const committed = await store.commit({
      ...aggregate(found),
      handled: { ids: [...fresh.keys()], at: now },
      // Only if the cursor still stands at the floor read: a rebuild that removed it meanwhile counts these rows itself.
      cursor: { name: COMPASS_CURSOR, from: floor, position: floor, now },
    });
    if (committed) return { added: fresh.size, duplicates, facts: found.length, transactions: 1 };
    // Another consumer recorded one of the ids, or a rebuild moved the cursor: look again.
  }
  throw new Error(`罗盘 rollups: messages ${group.map((m) => m.id).join(', ')} could not be committed`);
}

/** Adds one message's facts once (false: already handled). Throws while a rebuild runs. */
export async function handleRollupMessage(
  ctx: CoreContext,
  store: RollupStore,
  id: string,
  named: FactIds,
): Promise<{ added: boolean; facts: number }> {
  const r = await handleRollupMessages(ctx, store, [{ id, named }]);
  return { added: r.added === 1, facts: r.facts };
}
