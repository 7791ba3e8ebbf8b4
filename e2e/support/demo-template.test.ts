import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { copyDemoTemplate, MAX_AGE_MS, shanghaiDay, usableTemplate } from './demo-template.ts';

test('a template is copied while young and of the same Asia/Shanghai day', () => {
  const seededAt = Date.UTC(2026, 11, 6, 10, 0, 0); // 18:00 in Shanghai
  assert.equal(usableTemplate(seededAt, seededAt), true);
  assert.equal(usableTemplate(seededAt, seededAt + MAX_AGE_MS - 1), true);
  assert.equal(usableTemplate(seededAt, seededAt + MAX_AGE_MS), false);
  assert.equal(usableTemplate(seededAt, seededAt - 1), false); // a clock that went back
  const beforeMidnight = Date.UTC(2026, 11, 6, 15, 59, 0); // 23:59 in Shanghai
  assert.equal(shanghaiDay(beforeMidnight), '2026-12-06');
  assert.equal(shanghaiDay(beforeMidnight + 60_000), '2026-12-07');
  assert.equal(usableTemplate(beforeMidnight, beforeMidnight + 2 * 60_000), false);
});

test("two copies of the run's template hold the demo, seeded once, and do not share writes", {
  timeout: 300_000,
}, async () => {
  // Under npm run test:e2e this is the run's own template (seeded by whichever file came first).
  const ownRoot = process.env.E2E_TEMPLATE_DIR ? null : await mkdtemp(join(tmpdir(), 'zhongcao-e2e-template-'));
  if (ownRoot) process.env.E2E_TEMPLATE_DIR = ownRoot;
  const root = process.env.E2E_TEMPLATE_DIR!;
  const a = await mkdtemp(join(tmpdir(), 'zhongcao-e2e-'));
  const b = await mkdtemp(join(tmpdir(), 'zhongcao-e2e-'));
  try {
    assert.equal(await copyDemoTemplate(a), true);
    const first = await readFile(join(root, 'current.json'), 'utf8');
    assert.equal(await copyDemoTemplate(b), true);
    assert.equal(await readFile(join(root, 'current.json'), 'utf8'), first, 'the second copy reuses the template');
    const dbA = new SQLite(join(a, 'zhongcao.db'));
    const dbB = new SQLite(join(b, 'zhongcao.db'));
    try {
      const seededAt = (
        dbA.prepare("select value from settings where key = 'demo_seeded_at'").get() as { value: string } | undefined
      )?.value;
      assert.ok(
        Number(seededAt) >= (JSON.parse(first) as { seededAt: number }).seededAt,
        'the copy is the demo seeded for the template',
      );
      const login = dbA.prepare("select id from users where login = 'demo-shopper'").get() as
        | { id: string }
        | undefined;
      assert.ok(login, 'the demo shopper is in the copy');
      dbA.prepare("update users set display_name = 'changed in a' where id = ?").run(login.id);
      const inB = dbB.prepare('select display_name from users where id = ?').get(login.id) as { display_name: string };
      assert.notEqual(inB.display_name, 'changed in a');
    } finally {
      dbA.close();
      dbB.close();
    }
  } finally {
    await rm(a, { recursive: true, force: true });
    await rm(b, { recursive: true, force: true });
    if (ownRoot) {
      delete process.env.E2E_TEMPLATE_DIR;
      await rm(ownRoot, { recursive: true, force: true });
    }
  }
});
