/**
 * `bench live-fanout`: 10,000 WebSocket viewers in one room on one server process, 200
 * comments a second from 400 signed-in viewers and a pin half-way. The viewers run in their own
 * process (live-fanout-viewers.ts), so the server process is measured alone: p99_ms is the time
 * from a comment's sending to its arrival at each viewer, over every (carried comment, viewer)
 * pair of the measured window, a pair that never arrived counting as slower than all; comments
 * the server sampled out reach nobody and are reported apart (sampled_out, delivered_ratio);
 * rss_mb is the server's largest resident memory seen during the run.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { makeLiveFixtures } from './live-fixtures.js';
import type { ViewersConfig, ViewersResult } from './live-fanout-viewers.js';
import { freshStore, log, Scope } from './resources.js';
import { processRssMb, startScriptChild, startServerChild } from './server-child.js';

export interface LiveFanoutResult extends ViewersResult {
  bench: 'live-fanout';
  dialect: 'sqlite' | 'postgres';
  viewers: number;
  comments_per_s: number;
  seconds: number;
  rss_mb: number | null;
  /**
   * The same viewers and comments against bare-fanout-server.ts (`ws` sending one frame of the
   * comments to every socket each 200 ms, nothing else), measured right after: the issue's
   * yardstick, taken in the same minute of this machine.
   */
  bare_server_p50_ms: number;
  bare_server_p99_ms: number;
}

export const TARGET_FANOUT_P99_MS = 250;
const COMMENTERS = 400;

export async function benchLiveFanout(
  opts: { viewers?: number; seconds?: number; commentsPerS?: number } = {},
): Promise<LiveFanoutResult> {
  const viewers = opts.viewers ?? 10_000;
  const seconds = opts.seconds ?? 10;
  const commentsPerS = opts.commentsPerS ?? 200;
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    log(
      `live-fanout: ${store.dialect}, ${viewers} viewers, ${commentsPerS} comments/s from ${COMMENTERS} viewers, ${seconds} s measured`,
    );
    const fx = await makeLiveFixtures(store, { stock: 100, buyers: Math.min(COMMENTERS, viewers) });
    const server = await startServerChild(scope, store, randomBytes(24).toString('hex'));
    let rss: number | null = null;
    const sampler = setInterval(() => {
      const mb = processRssMb(server.pid);
      if (mb !== null) rss = Math.max(rss ?? 0, mb);
    }, 1000);
    scope.defer('stop RSS sampler', async () => clearInterval(sampler));

    const config: ViewersConfig = {
      origin: server.origin,
      roomId: fx.roomId,
      productId: fx.productId,
      hostToken: fx.hostToken,
      viewers,
      commenterTokens: fx.buyers.map((b) => b.token),
      commentsPerS,
      warmupS: 2,
      measureS: seconds,
    };
    const result = await runViewers(config);
    clearInterval(sampler);
    const last = processRssMb(server.pid);
    if (last !== null) rss = Math.max(rss ?? 0, last);
    await server.stop();

    // The same viewers against the bare server of the yardstick, in the same minute.
    const bare = await startScriptChild(scope, 'bare-fanout-server.js', []);
    const yardstick = await runViewers({ ...config, origin: bare.origin });
    await bare.stop();
    log(
      `live-fanout: the bare server: p50 ${yardstick.p50_ms} ms, p99 ${yardstick.p99_ms} ms over ${yardstick.deliveries} deliveries to ${yardstick.viewers_connected} viewers`,
    );
    return {
      bench: 'live-fanout',
      dialect: store.dialect,
      viewers,
      comments_per_s: commentsPerS,
      seconds,
      ...result,
      rss_mb: rss,
      bare_server_p50_ms: yardstick.p50_ms,
      bare_server_p99_ms: yardstick.p99_ms,
    };
  } finally {
    await scope.close();
  }
}

function runViewers(config: ViewersConfig): Promise<ViewersResult> {
  const entry = fileURLToPath(new URL('./live-fanout-viewers.js', import.meta.url));
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, LIVE_FANOUT_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ViewersResult);
      } catch {
        reject(new Error(`the viewers process exited with ${code} without a result: ${out.slice(0, 300)}`));
      }
    });
  });
}

export function liveFanoutSummary(r: LiveFanoutResult): string {
  const ok = r.p99_ms <= TARGET_FANOUT_P99_MS && r.viewers_connected === r.viewers;
  return `live-fanout (${r.dialect}): ${r.viewers_connected}/${r.viewers} viewers, ${r.comments_sent} comments in ${r.seconds} s (${r.comments_per_s}/s); delivery p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms (${r.p99_delivered_ms} ms over arrivals only, ${r.p99_from_accept_ms} ms from the server's accepting the comment) over ${r.deliveries} deliveries (${Math.round(r.delivered_ratio * 100)} % of comment×viewer pairs; ${r.deliveries_missed} pairs missed; ${r.comments_not_carried} comments in no frame, the server reports ${r.sampled_out} sampled out — not delivered); pin p99 ${r.pin_p99_ms} ms to ${r.pin_received} viewers; server RSS ${r.rss_mb ?? '?'} MB; a bare ws server under the same viewers p50 ${r.bare_server_p50_ms} ms, p99 ${r.bare_server_p99_ms} ms — ${ok ? 'meets' : 'MISSES'} the target p99 ≤ ${TARGET_FANOUT_P99_MS} ms`;
}
