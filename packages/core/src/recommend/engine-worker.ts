/**
 * The interest engine's worker thread: one `EngineDesk` serving the requests of the main thread
 * in order. A request with an id gets `{ id, value }` (or `{ id, error }`); traffic-pool steps go
 * back as `{ steps }` whenever there are some.
 */
import { parentPort } from 'node:worker_threads';
import { OnlineEngine, type PoolStep } from '@zhongcao/recsys';
import { EngineDesk, type EngineRequest } from './engine-desk.js';

const port = parentPort;
if (!port) throw new Error('engine-worker runs as a worker thread');
const desk = new EngineDesk(new OnlineEngine(), (steps: PoolStep[]) => port.postMessage({ steps }));
const reply = (m: { id: number }, err: unknown): void => {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  port.postMessage(m.id ? { id: m.id, error: text } : { failed: text });
};
port.on('message', (m: { id: number; req: EngineRequest }) => {
  try {
    const value = desk.handle(m.req);
    // A swap (prepared in slices between the next requests) and `settled` answer later.
    if (value instanceof Promise)
      value.then(
        (v) => m.id && port.postMessage({ id: m.id, value: v }),
        (err: unknown) => reply(m, err),
      );
    else if (m.id) port.postMessage({ id: m.id, value });
  } catch (err) {
    reply(m, err);
  }
});
