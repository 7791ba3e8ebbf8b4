/**
 * 罗盘 demo traffic: impressions, product taps and add-to-carts on the published videos that
 * carry products, spread over the last 14 days (Asia/Shanghai daytime hours weighted), from a few
 * hundred anonymous viewers and the demo buyers, written through the events module (the events
 * table's one writer); then the rollups are rebuilt from the raw rows, so the dashboards have
 * figures at first start. Deterministic.
 */
import type { CoreContext } from '../context.js';
import { mulberry32 } from '../platform/index.js';
import { recordEvents, type RecordedEvent } from '../events/index.js';
import { rebuildRollups } from '../analytics/index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const VIEWERS = 400;

export async function seedDemoCompass(
  ctx: CoreContext,
  realNow: number,
  buyerIds: string[],
  progress: (stage: string, done: number, total: number) => void,
): Promise<void> {
  const random = mulberry32(23);
  const videos = await ctx.db
    .selectFrom('videos')
    .innerJoin('video_anchors', 'video_anchors.video_id', 'videos.id')
    .select(['videos.id', 'videos.published_at', 'video_anchors.product_id'])
    .where('videos.status', '=', 'published')
    .where('video_anchors.position', '=', 0)
    .orderBy('videos.id')
    .execute();
  let seq = 0;
  for (const [i, v] of videos.entries()) {
    const since = Math.max(v.published_at ?? realNow - 14 * DAY, realNow - 14 * DAY);
    const shown = 20 + Math.floor(random() * 60);
    const rows: RecordedEvent[] = [];
    for (let k = 0; k < shown; k++) {
      let at = since + Math.floor(random() * Math.max(HOUR, realNow - HOUR - since));
      const shanghaiHour = new Date(at + 8 * HOUR).getUTCHours();
      if (shanghaiHour < 8 && random() < 0.7) at += 12 * HOUR; // fewer views at night
      if (at >= realNow - 60_000) at = realNow - 60_000 - Math.floor(random() * HOUR);
      const signedIn = random() < 0.2 && buyerIds.length > 0;
      const userId = signedIn ? buyerIds[Math.floor(random() * buyerIds.length)]! : null;
      const actor = userId ?? `anon:demo-viewer-${Math.floor(random() * VIEWERS)}`;
      const base = { actorKey: actor, userId, videoId: v.id };
      rows.push({
        ...base,
        type: 'impression',
        productId: null,
        at,
        receivedAt: at,
        clientEventId: `demo-compass-${seq++}`,
      });
      if (random() < 0.09) {
        rows.push({
          ...base,
          type: 'product_tap',
          productId: v.product_id,
          at: at + 4000,
          receivedAt: at + 4000,
          clientEventId: `demo-compass-${seq++}`,
        });
        // A signed-in viewer who tapped sometimes puts it in the cart (anonymous viewers have no cart).
        if (userId && random() < 0.4)
          rows.push({
            ...base,
            type: 'add_to_cart',
            productId: v.product_id,
            at: at + 9000,
            receivedAt: at + 9000,
            clientEventId: `demo-compass-${seq++}`,
            source: 'video',
            contentId: v.id,
          });
      }
    }
    await recordEvents(ctx.db, rows);
    if ((i + 1) % 20 === 0 || i + 1 === videos.length) progress('compass traffic', i + 1, videos.length);
  }
  await rebuildRollups(ctx, null, (done, total) => progress('compass rollups', done, total));
}
