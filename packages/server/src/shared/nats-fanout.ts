/**
 * Fan-out between api processes over core NATS subjects (NATS_URL): what one process publishes,
 * every process subscribed receives, itself included (callers drop their own by origin). Nothing
 * here is durable: live frames that miss a process while NATS is away are superseded by the next.
 */
import { connect, type NatsConnection } from 'nats';

export interface Fanout {
  publish(subject: string, data: Uint8Array): void;
  subscribe(subject: string, handler: (data: Uint8Array) => void): void;
  close(): Promise<void>;
}

export async function connectNatsFanout(url: string, onError: (err: Error) => void = () => {}): Promise<Fanout> {
  const nc: NatsConnection = await connect({
    servers: url,
    name: `zhongcao-api-${process.pid}`,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
  });
  void (async () => {
    for await (const s of nc.status())
      if (s.type === 'disconnect' || s.type === 'error') onError(new Error(`nats ${s.type}: ${String(s.data)}`));
  })();
  return {
    publish(subject, data) {
      try {
        nc.publish(subject, data);
      } catch (err) {
        onError(err as Error);
      }
    },
    subscribe(subject, handler) {
      nc.subscribe(subject, {
        callback: (err, msg) => {
          if (err) return onError(err);
          handler(msg.data);
        },
      });
    },
    async close() {
      await nc.drain().catch(() => nc.close());
    },
  };
}
