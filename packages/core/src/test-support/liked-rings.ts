/** Test fixture of the retraining tests: a store whose history several epochs learn and one online pass barely does. */
import { Rng } from '@zhongcao/recsys';
import { insertTestVideos } from '../feed/index.js';
import { newId } from '../platform/index.js';
import type { CoreContext } from '../context.js';
import type { EngineLifecycleEvent, RecommendService } from '../recommend/index.js';

const HOUR = 3600_000;
export const RINGS = 8;
export const RING = 10;

/**
 * 80 videos in 8 rings of 10 and 300 people who each liked 8 videos in a row along one ring
 * (a minute apart).
 */
export async function likedRings(core: { ctx: CoreContext }): Promise<{ people: string[]; videos: string[] }> {
  const now = core.ctx.clock.now();
  const owners = Array.from({ length: 5 }, () => newId('user', now));
  await core.ctx.db
    .insertInto('users')
    .values(
      owners.map((id, k) => ({
        id,
        login: `creator${k}`,
        display_name: `creator${k}`,
        password_hash: 'x',
        created_at: now,
      })),
    )
    .execute();
  const videos = await insertTestVideos(
    core.ctx.db,
    Array.from({ length: RINGS * RING }, (_, i) => ({
      ownerId: owners[i % owners.length]!,
      publishedAt: now - 48 * HOUR - i * 60_000,
    })),
    now,
  );
  const rng = new Rng(5);
  const people = Array.from({ length: 300 }, () => newId('user', now));
  await core.ctx.db
    .insertInto('users')
    .values(people.map((id, k) => ({ id, login: `p${k}`, display_name: `p${k}`, password_hash: 'x', created_at: now })))
    .execute();
  const likes: { video_id: string; user_id: string; created_at: number }[] = [];
  people.forEach((user, k) => {
    const ring = rng.int(RINGS);
    const start = rng.int(RING);
    for (let j = 0; j < 8; j++)
      likes.push({
        video_id: videos[ring * RING + ((start + j) % RING)]!,
        user_id: user,
        created_at: now - 24 * HOUR + k * 1000 + j * 60_000,
      });
  });
  for (let i = 0; i < likes.length; i += 500)
    await core.ctx.db
      .insertInto('video_likes')
      .values(likes.slice(i, i + 500))
      .execute();
  return { people, videos };
}

/** The service's next lifecycle event of this kind. */
export function nextLifecycle<K extends EngineLifecycleEvent['kind']>(
  service: RecommendService,
  kind: K,
  timeoutMs = 120_000,
): Promise<Extract<EngineLifecycleEvent, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${kind} event within ${timeoutMs} ms`)), timeoutMs);
    const off = service.onLifecycle((e) => {
      if (e.kind !== kind) return;
      clearTimeout(timer);
      off();
      resolve(e as Extract<EngineLifecycleEvent, { kind: K }>);
    });
  });
}
