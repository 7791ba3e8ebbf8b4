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
    const ids = await insertTestVideos(s.core.ctx.db, Array.from({ length: 12 }, (_, i) => ({ ownerId: creator.userId, publishedAt: now - i * 60_000 })), now);
    const first = await s.call('GET', '/api/v1/feed');
    assert.equal(first.statusCode, 200, first.body);
    const page1 = first.json() as { items: Array<{ id: string }>; nextCursor: string };
    assert.deepEqual(page1.items.map((v) => v.id), ids.slice(0, 8));
    const second = await s.call('GET', `/api/v1/feed?tab=recommend&cursor=${page1.nextCursor}`);
    const page2 = second.json() as { items: Array<{ id: string }>; nextCursor: string | null };
    assert.deepEqual(page2.items.map((v) => v.id), ids.slice(8));
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
    assert.deepEqual((await s.call('POST', '/api/v1/events', { token, body: { events } })).json(), { accepted: 0, duplicates: 2 });

    const anon = await s.call('POST', '/api/v1/events', { body: { events }, headers: { 'x-viewer-id': 'device-abc-123' } });
    assert.equal(anon.statusCode, 202);
    const nobody = await s.call('POST', '/api/v1/events', { body: { events } });
    assert.equal(nobody.statusCode, 401);
    const foreign = await s.call('POST', '/api/v1/events', { token, body: { events: [{ ...events[0], clientEventId: 'f1', userId: 'usr_00000000000000000000000000' }] } });
    assert.equal(foreign.statusCode, 400);
    const unknown = await s.call('POST', '/api/v1/events', { token, body: { events: [{ ...events[0], clientEventId: 'u1', type: 'purchase' }] } });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.code, 'UNKNOWN_EVENT_TYPE');
    const future = await s.call('POST', '/api/v1/events', { token, body: { events: [{ ...events[0], clientEventId: 't1', at: now + 3_600_000 }] } });
    assert.equal(future.json().error.code, 'EVENT_TIME_OUT_OF_RANGE');
    const tooMany = await s.call('POST', '/api/v1/events', { token, body: { events: Array.from({ length: 101 }, (_, i) => ({ ...events[0], clientEventId: `m${i}` })) } });
    assert.equal(tooMany.statusCode, 400);
    const rows = await s.core.ctx.db.selectFrom('events').select(['actor_key', 'client_event_id']).execute();
    assert.equal(rows.length, 4, 'two for the person, two for the anonymous viewer; nothing of the refused batches');
  });
});

test('GET/PUT /api/v1/me/settings', async () => {
  await withServer(async (s) => {
    const person = await makePerson(s.core, 'person-a', [], false);
    const token = await s.tokenFor(person.userId);
    assert.deepEqual((await s.call('GET', '/api/v1/me/settings', { token })).json(), { personalizedRecommendation: true });
    const put = await s.call('PUT', '/api/v1/me/settings', { token, body: { personalizedRecommendation: false } });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json(), { personalizedRecommendation: false });
    assert.deepEqual((await s.call('GET', '/api/v1/me/settings', { token })).json(), { personalizedRecommendation: false });
    assert.equal((await s.call('GET', '/api/v1/me/settings')).statusCode, 401);
    assert.equal((await s.call('PUT', '/api/v1/me/settings', { token, body: { personalizedRecommendation: 'no' } })).statusCode, 400);
  });
});
