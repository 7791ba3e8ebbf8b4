/**
 * Domain events, written in the same transaction as the change that caused them and delivered
 * after commit by the dispatcher (in-process by default).
 */
import type { Db, Tx } from '../context.js';
import { newId } from '../platform/index.js';
import { insertRows } from '../storage/index.js';

export interface DomainEvent {
  id: string;
  topic: string;
  subjectId: string;
  payload: unknown;
  createdAt: number;
}

export async function emit(tx: Tx, topic: string, subjectId: string, payload: unknown, now: number): Promise<void> {
  await insertRows(tx, 'outbox', [{ id: newId('outbox', now), topic, subject_id: subjectId, payload: JSON.stringify(payload), created_at: now, dispatched_at: null }]);
}

export type EventHandler = (event: DomainEvent) => Promise<void> | void;

/** Delivers undelivered events in order to subscribers whose topic prefix matches, then marks them. */
export class OutboxDispatcher {
  private readonly handlers: Array<{ prefix: string; handler: EventHandler }> = [];
  private running = false;
  private relay: ((events: DomainEvent[]) => Promise<void>) | null = null;

  constructor(private readonly db: Db, private readonly now: () => number) {}

  subscribe(prefix: string, handler: EventHandler): void {
    this.handlers.push({ prefix, handler });
  }

  /**
   * Scaled mode: each batch is handed to the relay (the stream) before any handler runs; when the
   * relay throws, the batch stays undelivered and the next round tries it again (at-least-once).
   */
  relayTo(relay: (events: DomainEvent[]) => Promise<void>): void {
    this.relay = relay;
  }

  /** Delivers one batch; returns how many events it handled. Safe to call concurrently (it skips). */
  async dispatchOnce(batch = 500): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const rows = await this.db.selectFrom('outbox').selectAll().where('dispatched_at', 'is', null).orderBy('id').limit(batch).execute();
      const events: DomainEvent[] = rows.map((r) => ({ id: r.id, topic: r.topic, subjectId: r.subject_id, payload: JSON.parse(r.payload), createdAt: r.created_at }));
      if (this.relay && events.length) await this.relay(events);
      for (const event of events) {
        for (const h of this.handlers) if (event.topic.startsWith(h.prefix)) await h.handler(event);
      }
      if (rows.length) {
        await this.db.updateTable('outbox').set({ dispatched_at: this.now() }).where('id', 'in', rows.map((r) => r.id)).where('dispatched_at', 'is', null).execute();
      }
      return rows.length;
    } finally {
      this.running = false;
    }
  }
}
