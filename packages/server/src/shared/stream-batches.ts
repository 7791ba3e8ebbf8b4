/**
 * Hands what a JetStream pull delivers to a handler in batches: while one batch is being handled,
 * the messages delivered meanwhile gather (up to the bound), and the next batch is all of them. A
 * quiet stream gives batches of one as soon as a message arrives; a busy one, or a backlog, gives
 * full ones. Each message is acknowledged after its batch's handler returned, so a process that
 * dies first leaves the whole batch for redelivery.
 */
import type { JsMsg } from 'nats';
import type { StreamBatchHandler, StreamMessage } from '@zhongcao/core';

/** One side waits until the other notifies (checked and awaited in one turn of the event loop, so no wake-up is lost). */
class Signal {
  private resolve: (() => void) | null = null;
  wait(): Promise<void> {
    return new Promise((r) => {
      this.resolve = r;
    });
  }
  notify(): void {
    const r = this.resolve;
    this.resolve = null;
    r?.();
  }
}

export interface BatchDelivery {
  /** The message to hand over, or null for one this consumer does not read (acknowledged unread). */
  decode(m: JsMsg): StreamMessage | null;
  handler: StreamBatchHandler;
  maxBatch: number;
  stopped(): boolean;
  onError(err: Error): void;
  /** Told of each batch handed over: the promise settles once its messages are acknowledged (or given back). */
  track?(settled: Promise<void>): void;
}

/** Back to the stream now rather than after the acknowledgement wait (if the connection is gone, it comes back after the wait). */
function giveBack(m: JsMsg): void {
  try {
    m.nak();
  } catch {
    // the connection is closed
  }
}

/** Hands one batch to the handler, then acknowledges its messages (those it leaves, or all if it throws, go back for redelivery). */
async function handleBatch(batch: Array<{ raw: JsMsg; message: StreamMessage }>, d: BatchDelivery): Promise<void> {
  let left: readonly StreamMessage[] | undefined;
  try {
    left = await d.handler(batch.map((b) => b.message));
  } catch (err) {
    d.onError(err as Error);
    left = batch.map((b) => b.message);
  }
  const again = new Set(left ?? []);
  try {
    for (const b of batch) {
      if (again.has(b.message)) b.raw.nak(1_000);
      else b.raw.ack();
    }
  } catch (err) {
    d.onError(err as Error); // the connection is gone: what was not acknowledged comes again (and is found handled)
  }
}

/** Runs until the pull ends (stopped, or its connection lost); messages delivered and not handled are given back at once. */
export async function deliverInBatches(messages: AsyncIterable<JsMsg>, d: BatchDelivery): Promise<void> {
  const waiting: Array<{ raw: JsMsg; message: StreamMessage }> = [];
  const arrived = new Signal();
  const taken = new Signal();
  let reading = true;
  const handling = (async () => {
    for (;;) {
      if (d.stopped()) break;
      if (!waiting.length) {
        if (!reading) break;
        await arrived.wait();
        continue;
      }
      const batch = waiting.splice(0, d.maxBatch);
      taken.notify();
      const settled = handleBatch(batch, d);
      d.track?.(settled);
      await settled;
    }
    taken.notify(); // the reading side may be waiting for room
  })();
  try {
    for await (const m of messages) {
      if (d.stopped()) {
        giveBack(m); // the rest of what the stopped pull had delivered
        continue;
      }
      const message = d.decode(m);
      if (!message) {
        m.ack();
        continue;
      }
      waiting.push({ raw: m, message });
      arrived.notify();
      while (waiting.length >= d.maxBatch && !d.stopped()) await taken.wait();
    }
  } finally {
    reading = false;
    arrived.notify();
    await handling;
    // Delivered but never handled (stopped, or the pull ended).
    for (const b of waiting.splice(0)) giveBack(b.raw);
  }
}
