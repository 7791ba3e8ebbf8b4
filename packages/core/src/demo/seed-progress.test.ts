import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { seedDemo } from './seed.js';

test('demo seeding reports every stage through to 100 %', async () => {
  const core = await openTestCore();
  try {
    const last = new Map<string, { done: number; total: number }>();
    const order: string[] = [];
    await seedDemo(core, (stage, done, total) => {
      if (!last.has(stage)) order.push(stage);
      last.set(stage, { done, total });
    });
    assert.ok(order.length >= 10, `stages reported: ${order.join(', ')}`);
    const unfinished = [...last]
      .filter(([, p]) => p.done !== p.total || p.total <= 0)
      .map(([s, p]) => `${s} ${p.done}/${p.total}`);
    assert.deepEqual(unfinished, [], 'every stage ends at done = total');
  } finally {
    await core.dispose();
  }
});
