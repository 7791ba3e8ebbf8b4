/**
 * Keeps `search_subjects` current for the search tabs beside products: a video when it is
 * uploaded (its title, caption and author never change afterwards), a person when they register,
 * a live room when it is created, a shop's videos and rooms when the shop is renamed, and
 * everything at once on demand (reindexAllSubjects; migration 0019, which introduced the table,
 * filled it with its own frozen copy of these rules). Terms carry their pinyin.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';
import { cutForSearch } from './segmenter.js';
import { indexTerms } from './terms.js';
import { wholeNamePinyin, withPinyin } from './pinyin.js';

type Store = Kysely<Database>;

export const SUBJECT_KINDS = ['video', 'person', 'live'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface SubjectSource {
  kind: SubjectKind;
  id: string;
  name: string;
  other: string;
}

const termsOf = (text: string): string[] => withPinyin(indexTerms(text, cutForSearch));

/** The name's terms also hold its pinyin as a whole (茶小仙 → chaxiaoxian, cxx). */
export function subjectDocument(src: SubjectSource, now: number): Database['search_subjects'] {
  const name = [...new Set([...termsOf(src.name), ...wholeNamePinyin(src.name)])];
  return {
    kind: src.kind,
    subject_id: src.id,
    name_terms: name.join(' '),
    other_terms: termsOf(src.other).join(' '),
    updated_at: now,
  };
}

async function write(db: Store, sources: SubjectSource[], now: number): Promise<void> {
  for (let i = 0; i < sources.length; i += 200) {
    await db
      .insertInto('search_subjects')
      .values(sources.slice(i, i + 200).map((s) => subjectDocument(s, now)))
      .onConflict((oc) =>
        oc.column('subject_id').doUpdateSet((eb) => ({
          name_terms: eb.ref('excluded.name_terms'),
          other_terms: eb.ref('excluded.other_terms'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

type VideoFilter = { ids: readonly string[] } | { shopId: string } | { after: string };
type RoomFilter = VideoFilter;

async function videoSources(db: Store, filter: VideoFilter): Promise<SubjectSource[]> {
  let q = db
    .selectFrom('videos')
    .innerJoin('users', 'users.id', 'videos.owner_id')
    .leftJoin('shops', 'shops.id', 'videos.shop_id')
    .select([
      'videos.id',
      'videos.title',
      'videos.caption',
      'videos.host_kind',
      'users.display_name',
      'shops.name as shop_name',
    ])
    .orderBy('videos.id')
    .limit(1000);
  if ('ids' in filter) q = q.where('videos.id', 'in', [...filter.ids]);
  else if ('shopId' in filter) q = q.where('videos.shop_id', '=', filter.shopId);
  else q = q.where('videos.id', '>', filter.after);
  const rows = await q.execute();
  // The author is searchable text of the video: who posted it, the shop for a shop's own video.
  return rows.map((r) => ({
    kind: 'video',
    id: r.id,
    name: r.title,
    other: `${r.caption} ${r.host_kind === 'shop' && r.shop_name ? r.shop_name : r.display_name}`,
  }));
}

async function roomSources(db: Store, filter: RoomFilter): Promise<SubjectSource[]> {
  let q = db
    .selectFrom('live_rooms')
    .leftJoin('users', (j) => j.onRef('users.id', '=', 'live_rooms.host_id').on('live_rooms.host_kind', '=', 'creator'))
    .leftJoin('shops', (j) => j.onRef('shops.id', '=', 'live_rooms.host_id').on('live_rooms.host_kind', '=', 'shop'))
    .select(['live_rooms.id', 'live_rooms.title', 'users.display_name', 'shops.name as shop_name'])
    .orderBy('live_rooms.id')
    .limit(1000);
  if ('ids' in filter) q = q.where('live_rooms.id', 'in', [...filter.ids]);
  else if ('shopId' in filter)
    q = q.where('live_rooms.host_kind', '=', 'shop').where('live_rooms.host_id', '=', filter.shopId);
  else q = q.where('live_rooms.id', '>', filter.after);
  const rows = await q.execute();
  return rows.map((r) => ({ kind: 'live', id: r.id, name: r.title, other: r.shop_name ?? r.display_name ?? '' }));
}

async function personSources(
  db: Store,
  filter: { ids: readonly string[] } | { after: string },
): Promise<SubjectSource[]> {
  let q = db.selectFrom('users').select(['id', 'display_name']).orderBy('id').limit(1000);
  q = 'ids' in filter ? q.where('id', 'in', [...filter.ids]) : q.where('id', '>', filter.after);
  return (await q.execute()).map((r) => ({ kind: 'person', id: r.id, name: r.display_name, other: '' }));
}

/** Indexes videos (pass the transaction that wrote them). */
export async function indexVideos(db: Store, videoIds: readonly string[], now: number): Promise<void> {
  for (let i = 0; i < videoIds.length; i += 500)
    await write(db, await videoSources(db, { ids: videoIds.slice(i, i + 500) }), now);
}

/** Indexes people by their display names. */
export async function indexPeople(db: Store, userIds: readonly string[], now: number): Promise<void> {
  for (let i = 0; i < userIds.length; i += 500)
    await write(db, await personSources(db, { ids: userIds.slice(i, i + 500) }), now);
}

/** Indexes live rooms by title and host. */
export async function indexLiveRooms(db: Store, roomIds: readonly string[], now: number): Promise<void> {
  for (let i = 0; i < roomIds.length; i += 500)
    await write(db, await roomSources(db, { ids: roomIds.slice(i, i + 500) }), now);
}

/** After a shop is renamed: its own videos and rooms carry its name. */
export async function reindexShopSubjects(db: Store, shopId: string, now: number): Promise<void> {
  await write(db, await videoSources(db, { shopId }), now);
  await write(db, await roomSources(db, { shopId }), now);
}

/** Indexes (again) every video, person and live room; safe to rerun. Returns how many. */
export async function reindexAllSubjects(db: Store, now: number): Promise<number> {
  let total = 0;
  for (const read of [
    (after: string) => videoSources(db, { after }),
    (after: string) => personSources(db, { after }),
    (after: string) => roomSources(db, { after }),
  ]) {
    let after = '';
    for (;;) {
      const batch = await read(after);
      if (batch.length === 0) break;
      await write(db, batch, now);
      total += batch.length;
      after = batch[batch.length - 1]!.id;
    }
  }
  return total;
}
