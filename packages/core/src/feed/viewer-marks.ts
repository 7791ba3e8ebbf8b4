/**
 * The viewer's own marks on feed cards — the videos they liked and the creators they follow —
 * kept in memory per store and process, so a feed page costs no query for them. A viewer's
 * marks are read once (two indexed queries), then kept exact by the like / unlike / follow /
 * unfollow signals published right after each commit (the HTTP reply to a like is sent after
 * that, so the viewer's next page shows it). A viewer with more marks than we keep in memory is
 * read per page as before. Rows written straight into the store (seeds, tests) must be followed
 * by resetFeedCache, as for the feed's snapshot.
 */
import type { Signal } from '@zhongcao/recsys';
import type { Db } from '../context.js';
import { onSignals } from '../signals/index.js';
import { runtimePart, runtimeOf } from '../platform/index.js';

/** Beyond this many likes or follows, a viewer's marks are read per page instead. */
const MAX_MARKS = 5_000;
const MAX_VIEWERS = 50_000;

interface Marks {
  liked: Set<string>;
  followed: Set<string>;
}

interface Entry {
  /** null while the first read runs (or when the viewer has too many marks to keep). */
  marks: Marks | null;
  loading: Promise<Marks | null> | null;
  /** Signals that arrived during the first read: applied, in order, once it is done. */
  pending: Signal[];
}

class ViewerMarks {
  private readonly viewers = new Map<string, Entry>();
  readonly unsubscribe: () => void;

  constructor(private readonly db: Db) {
    this.unsubscribe = onSignals(db, (signals) => {
      for (const s of signals) this.apply(s);
    });
  }

  private apply(s: Signal): void {
    if (s.kind !== 'like' && s.kind !== 'unlike' && s.kind !== 'follow' && s.kind !== 'unfollow') return;
    const entry = this.viewers.get(s.actor);
    if (!entry) return;
    if (entry.loading) entry.pending.push(s);
    else if (entry.marks) applyTo(entry.marks, s);
  }

  /** The viewer's marks, or null when there are too many to keep (read them per page). */
  async of(userId: string): Promise<Marks | null> {
    const entry = this.viewers.get(userId);
    if (entry) return entry.loading ?? entry.marks;
    if (this.viewers.size >= MAX_VIEWERS) this.viewers.delete(this.viewers.keys().next().value!);
    const fresh: Entry = { marks: null, loading: null, pending: [] };
    this.viewers.set(userId, fresh);
    fresh.loading = this.read(userId).then(
      (marks) => {
        if (marks) for (const s of fresh.pending) applyTo(marks, s);
        fresh.marks = marks;
        fresh.pending = [];
        fresh.loading = null;
        return marks;
      },
      (err: unknown) => {
        this.viewers.delete(userId);
        throw err;
      },
    );
    return fresh.loading;
  }

  private async read(userId: string): Promise<Marks | null> {
    const [likes, follows] = await Promise.all([
      this.db
        .selectFrom('video_likes')
        .select('video_id')
        .where('user_id', '=', userId)
        .limit(MAX_MARKS + 1)
        .execute(),
      this.db
        .selectFrom('follows')
        .select('followee_id')
        .where('follower_id', '=', userId)
        .limit(MAX_MARKS + 1)
        .execute(),
    ]);
    if (likes.length > MAX_MARKS || follows.length > MAX_MARKS) return null;
    return { liked: new Set(likes.map((r) => r.video_id)), followed: new Set(follows.map((r) => r.followee_id)) };
  }
}

function applyTo(marks: Marks, s: Signal): void {
  if (s.kind === 'like' && s.videoId) marks.liked.add(s.videoId);
  else if (s.kind === 'unlike' && s.videoId) marks.liked.delete(s.videoId);
  else if (s.kind === 'follow' && s.creatorId) marks.followed.add(s.creatorId);
  else if (s.kind === 'unfollow' && s.creatorId) marks.followed.delete(s.creatorId);
}

const marksPart = runtimePart<ViewerMarks, Db>(
  'feed.viewer-marks',
  (db) => new ViewerMarks(db),
  (marks) => marks.unsubscribe(),
);

/** The viewer's liked videos and followed creators (null: too many to keep; query per page). */
export function viewerMarks(db: Db, userId: string): Promise<Marks | null> {
  return runtimeOf(db).use(marksPart).of(userId);
}

/** Forgets every viewer's marks (after rows were written straight into the store). */
export function resetViewerMarks(db: Db): void {
  const runtime = runtimeOf(db);
  runtime.peek(marksPart)?.unsubscribe();
  runtime.forget(marksPart);
}
