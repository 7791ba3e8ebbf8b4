/**
 * 罗盘 demo traffic: impressions and product taps on the published videos that carry products,
 * spread over the last 14 days (Asia/Shanghai daytime hours weighted), from a few hundred
 * anonymous viewers and the demo buyers; then the rollups are rebuilt from the raw rows, so the
 * dashboards have figures at first start. Deterministic.
 */
import type { CoreContext } from '../context.js';
import { newId } from '../platform/ids.js';
import { mulberry32 } from '../platform/random.js';
import { insertRows } from '../storage/insert-rows.js';
import type { EventsTable } from '../storage/schema-events.js';
import { rebuildRollups } from '../analytics/index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const VIEWERS = 400;

export async function seedDemoCompass(ctx: CoreContext, realNow: number, buyerIds: string[], progress: (stage: string, done: number, total: number) => void): Promise<void> {
  const random = mulberry32(23);
  const videos = await ctx.db.selectFrom('videos').innerJoin('video_anchors', 'video_anchors.video_id', 'videos.id')
    .select(['videos.id', 'videos.published_at', 'video_anchors.product_id']).where('videos.status', '=', 'published').where('video_anchors.position', '=', 0)
    .orderBy('videos.id').execute();
  let seq = 0;
  for (const [i, v] of videos.entries()) {
    const since = Math.max(v.published_at ?? realNow - 14 * DAY, realNow - 14 * DAY);
    const shown = 20 + Math.floor(random() * 60);
    const rows: EventsTable[] = [];
    for (let k = 0; k < shown; k++) {
      let at = since + Math.floor(random() * Math.max(HOUR, realNow - HOUR - since));
      const shanghaiHour = new Date(at + 8 * HOUR).getUTCHours();
      if (shanghaiHour < 8 && random() < 0.7) at += 12 * HOUR; // fewer views at night
      if (at >= realNow - 60_000) at = realNow - 60_000 - Math.floor(random() * HOUR);
      const signedIn = random() < 0.2 && buyerIds.length > 0;
      const userId = signedIn ? buyerIds[Math.floor(random() * buyerIds.length)]! : null;
      const actor = userId ?? `anon:demo-viewer-${Math.floor(random() * VIEWERS)}`;
      const base = { actor_key: actor, user_id: userId, video_id: v.id, watch_ms: null, duration_ms: null, at, received_at: at };
      rows.push({ ...base, id: newId('event', at), type: 'impression', product_id: null, client_event_id: `demo-compass-${seq++}` });
      if (random() < 0.09) rows.push({ ...base, id: newId('event', at + 4000), type: 'product_tap', product_id: v.product_id, at: at + 4000, received_at: at + 4000, client_event_id: `demo-compass-${seq++}` });
    }
    await insertRows(ctx.db, 'events', rows, { onConflictDoNothing: ['actor_key', 'client_event_id'] });
    if ((i + 1) % 20 === 0 || i + 1 === videos.length) progress('compass traffic', i + 1, videos.length);
  }
  await rebuildRollups(ctx, null, (done, total) => progress('compass rollups', done, total));
}
