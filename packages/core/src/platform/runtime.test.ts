import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Runtime, runtimeOf, runtimePart } from './runtime.js';
import { openTestCore } from '../test-support/index.js';
import { recommendService, runningRecommendService } from '../recommend/index.js';
import { liveRuntime } from '../live/index.js';

test('a part is made once per store, on first use, and disposed with its runtime', async () => {
  let made = 0;
  const disposed: number[] = [];
  const counter = runtimePart<{ n: number }, object>(
    'test.counter',
    () => ({ n: ++made }),
    (v) => {
      disposed.push(v.n);
    },
  );
  const a = new Runtime({});
  const b = new Runtime({});
  assert.equal(a.peek(counter), undefined, 'nothing is made before it is asked for');
  assert.equal(a.use(counter), a.use(counter));
  assert.notEqual(a.use(counter), b.use(counter), 'two stores hold two parts');
  assert.deepEqual(a.parts(), ['test.counter']);
  await a.dispose();
  assert.deepEqual(disposed, [1]);
  assert.deepEqual(a.parts(), []);
  assert.throws(() => runtimePart('test.counter', () => 0), /declared twice/);
  const store = {};
  assert.equal(runtimeOf(store), runtimeOf(store), 'one runtime per store handle');
});

test("a core's runtime lists what the process holds for its store and closes it all", async () => {
  const core = await openTestCore();
  let closed = false;
  try {
    assert.equal(core.runtime, runtimeOf(core.ctx.db));
    assert.ok(core.runtime.parts().includes('storage.access'));
    liveRuntime(core.ctx);
    const service = recommendService(core.ctx);
    await service.ready;
    assert.ok(core.runtime.parts().includes('live.runtime'));
    assert.ok(core.runtime.parts().includes('recommend.service'));
    await core.dispose();
    closed = true;
    assert.deepEqual(core.runtime.parts(), [], 'closing the core disposes the runtime');
    assert.equal(runningRecommendService(core.ctx), null);
  } finally {
    if (!closed) await core.dispose();
  }
});
