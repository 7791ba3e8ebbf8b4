/**
 * The creator's view of the traffic pool: which pool each of their videos reached and, when it
 * stopped climbing, which rate fell short of which threshold. Only the video's managers see it.
 */
import { TRAFFIC_POOL_DEFAULTS, type PoolRate, type PoolRates } from '@zhongcao/recsys';
import type { Actor, Db } from '../context.js';
import { managesVideo } from '../content/index.js';
import { notFound } from '../platform/index.js';

export type PoolStatus = 'not_entered' | 'climbing' | 'stopped' | 'top';

export interface PoolStepView {
  pool: number;
  decision: 'entered' | 'promoted' | 'stopped' | 'top';
  impressions: number;
  rates: PoolRates | null;
  thresholds: PoolRates | null;
  shortfalls: PoolRate[];
  at: number;
}

export interface VideoPoolView {
  videoId: string;
  /** The highest pool reached (0-based); null before the video entered any. */
  pool: number | null;
  status: PoolStatus;
  /** Impressions of each pool, smallest first. */
  audiences: readonly number[];
  steps: PoolStepView[];
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const ORDER: Record<string, number> = { entered: 0, promoted: 1, stopped: 2, top: 3 };

/** Pure: the summary of a video's recorded steps. */
export function summarisePool(videoId: string, steps: PoolStepView[]): VideoPoolView {
  steps.sort((a, b) => a.pool - b.pool || ORDER[a.decision]! - ORDER[b.decision]! || a.at - b.at);
  const last = steps[steps.length - 1];
  let pool: number | null = null;
  for (const s of steps) pool = Math.max(pool ?? 0, s.decision === 'promoted' ? s.pool + 1 : s.pool);
  const status: PoolStatus = !last
    ? 'not_entered'
    : last.decision === 'stopped'
      ? 'stopped'
      : last.decision === 'top'
        ? 'top'
        : 'climbing';
  return { videoId, pool, status, audiences: TRAFFIC_POOL_DEFAULTS.audiences, steps };
}

async function stepsOf(db: Db, videoIds: readonly string[]): Promise<Map<string, PoolStepView[]>> {
  const out = new Map<string, PoolStepView[]>();
  if (videoIds.length === 0) return out;
  const rows = await db.selectFrom('video_pool_steps').selectAll().where('video_id', 'in', videoIds).execute();
  for (const r of rows) {
    const list = out.get(r.video_id) ?? [];
    list.push({
      pool: Number(r.pool),
      decision: r.decision as PoolStepView['decision'],
      impressions: Number(r.impressions),
      rates: parse<PoolRates>(r.rates),
      thresholds: parse<PoolRates>(r.thresholds),
      shortfalls: parse<PoolRate[]>(r.shortfalls) ?? [],
      at: Number(r.at),
    });
    out.set(r.video_id, list);
  }
  return out;
}

/** One video's pool history, for its managers (anyone else: 404). */
export async function videoPoolView(db: Db, actor: Actor, videoId: string): Promise<VideoPoolView> {
  const row = await db
    .selectFrom('videos')
    .select(['id', 'owner_id', 'shop_id', 'host_kind', 'status'])
    .where('id', '=', videoId)
    .executeTakeFirst();
  if (!row || row.status === 'removed' || !managesVideo(actor, row)) throw notFound('video', videoId);
  return summarisePool(videoId, (await stepsOf(db, [videoId])).get(videoId) ?? []);
}

/** Pool summaries (without the steps) of several of the actor's videos, for a list. */
export async function myVideoPools(
  db: Db,
  actor: Actor,
  videoIds: readonly string[],
): Promise<Array<Omit<VideoPoolView, 'steps' | 'audiences'>>> {
  const ids = [...new Set(videoIds)].slice(0, 100);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('videos')
    .select(['id', 'owner_id', 'shop_id', 'host_kind', 'status'])
    .where('id', 'in', ids)
    .execute();
  const mine = rows.filter((r) => r.status !== 'removed' && managesVideo(actor, r)).map((r) => r.id);
  const steps = await stepsOf(db, mine);
  return mine.map((id) => {
    const { videoId, pool, status } = summarisePool(id, steps.get(id) ?? []);
    return { videoId, pool, status };
  });
}
