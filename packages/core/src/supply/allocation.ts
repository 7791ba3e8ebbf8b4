/**
 * FIFO allocation (先进先出), pure: which batches a shipped line's units come from — the oldest
 * harvest first (then the earliest received, then the batch id), splitting the line across
 * batches when one does not cover it, never taking more than a batch has left. Units no batch
 * covers are `unbatched` (stock received without a batch, or batches run out).
 */

export interface BatchStock {
  id: string;
  harvestedAt: number;
  receivedAt: number;
  remaining: number;
}

export interface Allocation {
  parts: Array<{ batchId: string; quantity: number }>;
  unbatched: number;
}

export function fifoOrder(a: BatchStock, b: BatchStock): number {
  return a.harvestedAt - b.harvestedAt || a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function allocateFifo(batches: readonly BatchStock[], quantity: number): Allocation {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError('quantity must be a non-negative integer');
  const parts: Allocation['parts'] = [];
  let need = quantity;
  for (const b of [...batches].sort(fifoOrder)) {
    if (need === 0) break;
    const take = Math.min(need, Math.max(0, Math.floor(b.remaining)));
    if (take === 0) continue;
    parts.push({ batchId: b.id, quantity: take });
    need -= take;
  }
  return { parts, unbatched: need };
}
