/** Test fixtures of the feed: video rows written straight into the store (the content services are not needed to read them). */
import type { Db } from '../context.js';
import { newId } from '../platform/index.js';
import { insertRows, type VideosTable, type VideoStatus } from '../storage/index.js';

export interface TestVideo {
  ownerId: string;
  publishedAt: number | null;
  status?: VideoStatus;
  title?: string;
  likes?: number;
}

/** Inserts the videos (ids in creation order) and returns their ids. */
export async function insertTestVideos(db: Db, videos: readonly TestVideo[], now: number): Promise<string[]> {
  const rows: VideosTable[] = videos.map((v, i) => {
    const id = newId('video', now);
    return {
      id,
      owner_id: v.ownerId,
      host_kind: 'creator',
      shop_id: null,
      title: v.title ?? `视频 ${i + 1}`,
      caption: '好物分享 #种草',
      hashtags: JSON.stringify(['种草']),
      status: v.status ?? (v.publishedAt === null ? 'draft' : 'published'),
      file_name: `${id}.mp4`,
      content_type: 'video/mp4',
      bytes: 1000,
      duration_ms: 12_000,
      poster_file: null,
      views: 0,
      likes: v.likes ?? 0,
      comments: 0,
      shares: 0,
      completions: 0,
      created_at: v.publishedAt ?? now,
      published_at: v.publishedAt,
      updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 200) await insertRows(db, 'videos', rows.slice(i, i + 200));
  return rows.map((r) => r.id);
}
