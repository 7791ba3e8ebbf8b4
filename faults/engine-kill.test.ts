/**
 * Fault: the engine replica is killed with -9. The api processes' recommend pages fall back to the
 * non-personalised ones at once (no replica answers), never an error; once a replica is started
 * again it warms from the stored history and the pages are personalised again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './cluster.ts';
import { metric, startEngineCluster, waitForEngine } from './engine-cluster.ts';

/** Reason codes only the engine gives (a non-personalised page has new, popular, more, trending, followed_creator). */
const ENGINE_ONLY = new Set(['because_you_liked', 'popular_in_category', 'tag_interest', 'similar_taste']);

interface Page {
  items: Array<{ id: string; reason?: { code: string } }>;
}

async function page(url: string, token: string): Promise<Page> {
  const reply = await call(url, 'GET', '/api/v1/feed?tab=recommend&limit=10', { authorization: `Bearer ${token}` });
  assert.equal(reply.status, 200, reply.body);
  return JSON.parse(reply.body) as Page;
}

const personalised = (p: Page): boolean => p.items.some((i) => i.reason && ENGINE_ONLY.has(i.reason.code));

/** The clients' pages, asked again for up to 20 s until one is personalised (an answer past the deadline is a fallback page). */
async function personalisedPages(url: string, clients: Array<{ token: string }>): Promise<Page[]> {
  let pages: Page[] = [];
  for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
    pages = await Promise.all(clients.map((p) => page(url, p.token)));
    if (pages.some(personalised)) break;
  }
  return pages;
}

test('kill -9 the engine replica: pages fall back, then are personalised again once it is restarted', {
  timeout: 240_000,
}, async (t) => {
  const c = await startEngineCluster(t);
  // Each client tells the engine what it likes: a few completed videos of one category.
  const clients = c.store.clients.slice(0, 4);
  for (const [n, client] of clients.entries()) {
    const events = c.store.videoIds
      .map((id, i) => ({ id, i }))
      .filter(({ i }) => c.store.categoryOfVideo[i] === n)
      .slice(0, 6)
      .map(({ id }, k) => ({
        type: 'complete',
        videoId: id,
        watchMs: 20_000,
        durationMs: 20_000,
        at: Date.now(),
        clientEventId: `engine-fault-${n}-${k}`,
      }));
    const reply = await call(
      c.url,
      'POST',
      '/api/v1/events',
      { authorization: `Bearer ${client.token}` },
      JSON.stringify({ events }),
    );
    assert.equal(reply.status, 202, reply.body);
  }
  const signals = clients.length * 6;
  const until = Date.now() + 30_000;
  while ((await metric(c.engineUrl, 'zhongcao_engine_signals_learned_total')) < signals && Date.now() < until)
    await new Promise((r) => setTimeout(r, 200));

  const before = await personalisedPages(c.url, clients);
  assert.ok(
    before.some(personalised),
    `the engine personalises pages before the fault: ${JSON.stringify(before.map((p) => p.items.map((i) => i.reason?.code)))}`,
  );
  assert.ok(
    (await metric(c.engineUrl, 'zhongcao_engine_pages_total')) >= clients.length,
    'the engine replica answered the pages',
  );

  c.engine().child.kill('SIGKILL');
  await new Promise<void>((resolve) => c.engine().child.once('exit', () => resolve()));
  const during = await Promise.all(clients.flatMap((p) => [page(c.url, p.token), page(c.url, p.token)]));
  for (const p of during) {
    assert.ok(p.items.length > 0, 'a fallback page still has videos');
    assert.ok(
      !personalised(p),
      `no engine reason while the engine is down: ${JSON.stringify(p.items.map((i) => i.reason?.code))}`,
    );
  }

  await c.restartEngine();
  await waitForEngine(c.engineUrl, 10_000);
  // A fresh replica's first answers may miss the deadline while it is cold: pages recover within seconds.
  const after = await personalisedPages(c.url, clients);
  assert.ok(
    after.some(personalised),
    `pages are personalised again: the restarted replica warmed from the stored history: ${JSON.stringify(after.map((p) => p.items.map((i) => i.reason?.code)))}`,
  );
  const answered = await metric(c.engineUrl, 'zhongcao_engine_pages_total');
  t.diagnostic(
    `after the restart the new replica answered ${answered} pages; personalised ${after.filter(personalised).length} of ${after.length}`,
  );
  assert.ok(answered >= clients.length);
});
