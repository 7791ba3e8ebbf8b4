/**
 * The live-fanout benchmark's yardstick: the bare WebSocket server of the issue's own measure,
 * with none of a room's work. Every viewer gets the state on joining, then every 200 ms one frame
 * of the comments since the last, sent with `ws` to each socket in turn; a POST to the pin route
 * is sent to everyone at once. No sign-in, no database, no rate limits, no moderation, no
 * sampling. `bench live-fanout` runs the same viewers against it after the real server, so the
 * two figures come from the same minute of this machine. Run as its own process: `node
 * bare-fanout-server.js`; prints its URL when it listens.
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const FRAME_MS = 200;

interface Comment {
  text: string;
  at: number;
}

let pending: Comment[] = [];
let upTo = 0;
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

const broadcast = (data: string): void => {
  for (const client of wss.clients) if (client.readyState === 1) client.send(data);
};

wss.on('connection', (socket: WebSocket) => {
  socket.send('{"t":"state","comments":[]}');
  socket.on('message', (data) => {
    try {
      const m = JSON.parse(data.toString()) as { t?: unknown; text?: unknown };
      if (m.t === 'comment' && typeof m.text === 'string') pending.push({ text: m.text.slice(0, 200), at: Date.now() });
    } catch {
      // a bad message is dropped
    }
  });
  socket.on('error', () => socket.terminate());
});

setInterval(() => {
  if (pending.length === 0) return;
  upTo += pending.length;
  const frame = JSON.stringify({ t: 'comments', upTo, count: pending.length, items: pending });
  pending = [];
  broadcast(frame);
}, FRAME_MS);

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url?.endsWith('/pin')) {
    req.resume();
    req.on('end', () => {
      broadcast('{"t":"pin","pinned":null}');
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(404).end();
});
server.on('upgrade', (req, socket, head) =>
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
);
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening at http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/\n`);
});
process.on('SIGTERM', () => process.exit(0));
