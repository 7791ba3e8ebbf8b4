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
port.on('message', (m: { id: number; req: EngineRequest }) => {
  try {
    const value = desk.handle(m.req);
    if (m.id) port.postMessage({ id: m.id, value });
  } catch (err) {
    if (m.id) port.postMessage({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    else port.postMessage({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
