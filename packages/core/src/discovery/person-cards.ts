/**
 * People as the search page shows them: display name, creator or not, followers, published videos
 * and whether the viewer follows them, read from the users, roles, follows and videos tables in
 * five statements run together for a page of ids.
 */
import type { Actor, Db } from '../context.js';

export interface PersonCard {
  id: string;
  displayName: string;
  isCreator: boolean;
  followers: number;
  videos: number;
  /** Whether the viewer follows them (false when nobody is logged in). */
  followed: boolean;
}

/** People as cards, in the given order: name, creator or not, followers, published videos, followed by the viewer. */
export async function personCards(db: Db, ids: readonly string[], viewer: Actor | null): Promise<PersonCard[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const [users, creators, followers, videos, followed] = await Promise.all([
    db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', list).execute(),
    db.selectFrom('user_roles').select('user_id').where('user_id', 'in', list).where('role', '=', 'creator').execute(),
    db
      .selectFrom('follows')
      .select((eb) => ['followee_id', eb.fn.countAll<number>().as('n')])
      .where('followee_id', 'in', list)
      .groupBy('followee_id')
      .execute(),
    db
      .selectFrom('videos')
      .select((eb) => ['owner_id', eb.fn.countAll<number>().as('n')])
      .where('owner_id', 'in', list)
      .where('status', '=', 'published')
      .groupBy('owner_id')
      .execute(),
    viewer
      ? db
          .selectFrom('follows')
          .select('followee_id')
          .where('follower_id', '=', viewer.userId)
          .where('followee_id', 'in', list)
          .execute()
      : Promise.resolve([]),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const creatorIds = new Set(creators.map((r) => r.user_id));
  const followerCounts = new Map(followers.map((r) => [r.followee_id, Number(r.n)]));
  const videoCounts = new Map(videos.map((r) => [r.owner_id, Number(r.n)]));
  const followedIds = new Set(followed.map((r) => r.followee_id));
  return list.flatMap((id) => {
    const u = byId.get(id);
    if (!u) return [];
    return [
      {
        id,
        displayName: u.display_name,
        isCreator: creatorIds.has(id),
        followers: followerCounts.get(id) ?? 0,
        videos: videoCounts.get(id) ?? 0,
        followed: followedIds.has(id),
      },
    ];
  });
}
