/** The feed, events and settings routes over HTTP (inject), on a fresh store. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insertTestVideos } from '@zhongcao/core/test-support/feed';
import { makePerson } from '@zhongcao/core/test-support';
import { startTestServer, type TestServer } from '../test-support/server-harness.js';

async function withServer(fn: (s: TestServer) => Promise<void>): Promise<void> {
  const s = await startTestServer();
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

test('GET /api/v1/feed: anonymous recommend pages with a cursor; following needs sign-in; a tampered cursor is 400', async () => {
  await withServer(async (s) => {
    const creator = await makePerson(s.core, 'creator-a', ['creator'], false);
    const now = s.core.clock.now();
    const ids = await insertTestVideos(
      s.core.ctx.db,
      Array.from({ length: 12 }, (_, i) => ({ ownerId: creator.userId, publishedAt: now - i * 60_000 })),
      now,
    );
    const first = await s.call('GET', '/api/v1/feed');
    assert.equal(first.statusCode, 200, first.body);
    const page1 = first.json() as { items: Array<{ id: string }>; nextCursor: string };
    assert.deepEqual(
      page1.items.map((v) => v.id),
      ids.slice(0, 8),
    );
    const second = await s.call('GET', `/api/v1/feed?tab=recommend&cursor=${page1.nextCursor}`);
    const page2 = second.json() as { items: Array<{ id: string }>; nextCursor: string | null };
    assert.deepEqual(
      page2.items.map((v) => v.id),
      ids.slice(8),
    );
    assert.equal(page2.nextCursor, null);

    const tampered = await s.call('GET', `/api/v1/feed?cursor=${page1.nextCursor.replace(/^r1\.1\./, 'r1.2.')}`);
    assert.equal(tampered.statusCode, 400);
    assert.equal(tampered.json().error.code, 'INVALID_CURSOR');
    const following = await s.call('GET', '/api/v1/feed?tab=following');
    assert.equal(following.statusCode, 401);
    const viewer = await makePerson(s.core, 'viewer', [], false);
    const mine = await s.call('GET', '/api/v1/feed?tab=following', { token: await s.tokenFor(viewer.userId) });
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(mine.json(), { items: [], nextCursor: null });
    assert.equal((await s.call('GET', '/api/v1/feed?limit=21')).statusCode, 400);
  });
});

test('POST /api/v1/events: 202 with accepted and duplicates; anonymous needs x-viewer-id; no foreign user id', async () => {
  await withServer(async (s) => {
    const viewer = await makePerson(s.core, 'viewer', [], false);
    const now = s.core.clock.now();
    const [videoId] = await insertTestVideos(s.core.ctx.db, [{ ownerId: viewer.userId, publishedAt: now }], now);
    const token = await s.tokenFor(viewer.userId);
    const events = [
      { type: 'impression', videoId, at: now, clientEventId: 'a1' },
      { type: 'complete', videoId, at: now, clientEventId: 'a2' },
    ];
    const ok = await s.call('POST', '/api/v1/events', { token, body: { events } });
    assert.equal(ok.statusCode, 202, ok.body);
    assert.deepEqual(ok.json(), { accepted: 2, duplicates: 0 });
    assert.deepEqual((await s.call('POST', '/api/v1/events', { token, body: { events } })).json(), {
      accepted: 0,
      duplicates: 2,
    });

    const anon = await s.call('POST', '/api/v1/events', {
      body: { events },
      headers: { 'x-viewer-id': 'device-abc-123' },
    });
    assert.equal(anon.statusCode, 202);
    const nobody = await s.call('POST', '/api/v1/events', { body: { events } });
    assert.equal(nobody.statusCode, 401);
    const foreign = await s.call('POST', '/api/v1/events', {
      token,
      body: { events: [{ ...events[0], clientEventId: 'f1', userId: 'usr_00000000000000000000000000' }] },
    });
    assert.equal(foreign.statusCode, 400);
    const unknown = await s.call('POST', '/api/v1/events', {
      token,
      body: { events: [{ ...events[0], clientEventId: 'u1', type: 'purchase' }] },
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.code, 'UNKNOWN_EVENT_TYPE');
    const future = await s.call('POST', '/api/v1/events', {
      token,
      body: { events: [{ ...events[0], clientEventId: 't1', at: now + 3_600_000 }] },
    });
    assert.equal(future.json().error.code, 'EVENT_TIME_OUT_OF_RANGE');
    const tooMany = await s.call('POST', '/api/v1/events', {
      token,
      body: { events: Array.from({ length: 101 }, (_, i) => ({ ...events[0], clientEventId: `m${i}` })) },
    });
    assert.equal(tooMany.statusCode, 400);
    const rows = await s.core.ctx.db.selectFrom('events').select(['actor_key', 'client_event_id']).execute();
    assert.equal(rows.length, 4, 'two for the person, two for the anonymous viewer; nothing of the refused batches');
  });
});

test('GET/PUT /api/v1/me/settings', async () => {
  await withServer(async (s) => {
    const person = await makePerson(s.core, 'person-a', [], false);
    const token = await s.tokenFor(person.userId);
    assert.deepEqual((await s.call('GET', '/api/v1/me/settings', { token })).json(), {
      personalizedRecommendation: true,
    });
    const put = await s.call('PUT', '/api/v1/me/settings', { token, body: { personalizedRecommendation: false } });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json(), { personalizedRecommendation: false });
    assert.deepEqual((await s.call('GET', '/api/v1/me/settings', { token })).json(), {
      personalizedRecommendation: false,
    });
    assert.equal((await s.call('GET', '/api/v1/me/settings')).statusCode, 401);
    assert.equal(
      (await s.call('PUT', '/api/v1/me/settings', { token, body: { personalizedRecommendation: 'no' } })).statusCode,
      400,
    );
  });
});

test('the interest engine over HTTP: reasons in the feed JSON, a device profile joins the account at login, pool views for the creator only', async () => {
  await withServer(async (s) => {
    const creator = await makePerson(s.core, 'creator-a', ['creator'], false);
    const other = await makePerson(s.core, 'creator-b', ['creator'], false);
    const now = s.core.clock.now();
    const ids = await insertTestVideos(
      s.core.ctx.db,
      Array.from({ length: 12 }, (_, i) => ({
        ownerId: i % 2 ? creator.userId : other.userId,
        publishedAt: now - i * 60_000,
      })),
      now,
    );
    const device = { 'x-viewer-id': 'device-http-0001' };
    const { recommendService } = await import('@zhongcao/core');
    await recommendService(s.core.ctx).ready; // as at boot: the engine warms before personalised pages
    const page = (await s.call('GET', '/api/v1/feed?limit=5', { headers: device })).json() as {
      items: Array<{ id: string; reason: { code: string; params: Record<string, string> } }>;
    };
    assert.equal(page.items.length, 5);
    for (const item of page.items) assert.equal(typeof item.reason.code, 'string');
    assert.equal((await s.call('GET', '/api/v1/feed', { headers: { 'x-viewer-id': 'bad id!' } })).statusCode, 400);
    const liked = page.items[0]!.id;
    const events = await s.call('POST', '/api/v1/events', {
      headers: device,
      body: {
        events: [
          { type: 'like', videoId: liked, at: now, clientEventId: 'l1' },
          { type: 'not_interested', videoId: page.items[1]!.id, at: now, clientEventId: 'n1' },
        ],
      },
    });
    assert.equal(events.statusCode, 202, events.body);
    const engine = recommendService(s.core.ctx).engine;
    assert.ok(engine.profileOf('anon:device-http-0001'));
    await makePerson(s.core, 'shopper', [], false);
    const login = await s.call('POST', '/api/v1/auth/login', {
      headers: device,
      body: { login: 'shopper', password: 'test-password-1', mode: 'token' },
    });
    assert.equal(login.statusCode, 200, login.body);
    const userId = (login.json() as { user: { id: string } }).user.id;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(engine.profileOf('anon:device-http-0001'), undefined);
    assert.ok(engine.profileOf(userId)!.hidden.size === 1, 'the device\'s "not interested" came along');

    const creatorToken = await s.tokenFor(creator.userId);
    const mine = ids[1]!;
    const view = await s.call('GET', `/api/v1/me/videos/${mine}/pool`, { token: creatorToken });
    assert.equal(view.statusCode, 200, view.body);
    assert.deepEqual(Object.keys(view.json()).sort(), ['audiences', 'pool', 'status', 'steps', 'videoId']);
    assert.equal(
      (await s.call('GET', `/api/v1/me/videos/${ids[0]}/pool`, { token: creatorToken })).statusCode,
      404,
      "another creator's video",
    );
    assert.equal((await s.call('GET', `/api/v1/me/videos/${mine}/pool`)).statusCode, 401);
    const list = await s.call('GET', `/api/v1/me/video-pools?ids=${ids.slice(0, 4).join(',')}`, {
      token: creatorToken,
    });
    assert.deepEqual(
      (list.json() as { items: Array<{ videoId: string }> }).items.map((p) => p.videoId).sort(),
      [ids[1], ids[3]].sort(),
    );
    assert.equal((await s.call('GET', '/api/v1/me/video-pools?ids=nonsense', { token: creatorToken })).statusCode, 400);
  });
});
