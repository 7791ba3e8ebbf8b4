import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ManualClock } from '../platform/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { postersDir, videosDir, getVideo } from '../content/index.js';
import type { Actor } from '../context.js';
import { seedDemoContent } from './seed-content.js';

test('demo content: creators, shop videos, anchors, posters and counters that match their rows', async () => {
  const core = await openTestCore();
  try {
    const a = await makeShop(core, 'demo-merchant');
    const b = await makeShop(core, 'merchant-tea', 100, a.categoryId);
    const people = new Map<string, Actor>([
      ['demo-merchant', a.owner],
      ['merchant-tea', b.owner],
      ['demo-creator', await makePerson(core, 'demo-creator', ['creator'], false)],
      ['demo-shopper', await makePerson(core, 'demo-shopper', [], false)],
      ...(await Promise.all(
        ['buyer-01', 'buyer-02', 'buyer-03'].map(async (l) => [l, await makePerson(core, l, [], false)] as const),
      )),
    ]);
    const clock = new ManualClock(core.clock.now() - 20 * 24 * 3600 * 1000);
    const stages = new Set<string>();
    await seedDemoContent({
      ctx: { ...core.ctx, clock },
      clock,
      people,
      listedProductIds: [a.productId, b.productId],
      videos: 450,
      progress: (s) => stages.add(s),
    });
    assert.deepEqual([...stages], ['creators', 'media', 'videos']);
    const db = core.ctx.db;
    const count = async (q: string): Promise<number> =>
      Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(db)).rows[0]!.n);

    assert.equal(await count('select count(*) as n from videos'), 450);
    assert.equal(await count("select count(*) as n from user_roles where role = 'creator'"), 13);
    assert.ok(
      (await count("select count(*) as n from videos where host_kind = 'shop' and shop_id is not null")) > 30,
      'shops broadcast themselves',
    );
    assert.equal(await count("select count(*) as n from videos where status = 'draft'"), 1);
    assert.equal(
      await count(
        'select count(*) as n from videos v where not exists (select 1 from video_anchors a where a.video_id = v.id)',
      ),
      0,
      'every video carries a product',
    );
    assert.equal(
      await count(
        'select count(*) as n from videos v where likes < (select count(*) from video_likes l where l.video_id = v.id)',
      ),
      0,
    );
    assert.equal(
      await count(
        'select count(*) as n from videos v where views < (select count(*) from video_views w where w.video_id = v.id) or views < likes',
      ),
      0,
    );
    assert.equal(
      await count(
        'select count(*) as n from videos v where comments <> (select count(*) from comments c where c.video_id = v.id) and exists (select 1 from video_likes l where l.video_id = v.id)',
      ),
      0,
    );
    assert.equal(
      await count(
        'select count(*) as n from comments c where reply_count <> (select count(*) from comments r where r.parent_id = c.id)',
      ),
      0,
    );
    assert.ok((await count('select count(*) as n from video_likes')) > 100);
    assert.ok((await count('select count(*) as n from follows')) > 10);
    const span = (
      await sql<{
        lo: number;
        hi: number;
      }>`select min(published_at) as lo, max(published_at) as hi from videos`.execute(db)
    ).rows[0]!;
    assert.ok(
      Number(span.lo) >= clock.now() - 1 && Number(span.hi) <= core.clock.now(),
      'published over the last 20 days, none in the future',
    );

    const newest = await db
      .selectFrom('videos')
      .select('id')
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const card = await getVideo(db, newest.id, null);
    assert.ok(card.title.length > 0 && card.hashtags.length >= 2);
    assert.ok(card.anchors.length >= 1 && card.anchors.length <= 3);
    assert.ok(existsSync(join(videosDir(core.ctx.dataDir), card.videoUrl.split('/').pop()!)));
    assert.ok(existsSync(join(postersDir(core.ctx.dataDir), card.posterUrl!.split('/').pop()!)));
    assert.ok(card.durationMs !== null && card.durationMs > 5000);
  } finally {
    await core.dispose();
  }
});
