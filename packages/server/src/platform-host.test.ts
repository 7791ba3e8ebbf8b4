import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform } from './platform.js';

test('a platform started without a host listens on loopback only and says so in its URL', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'zc-host-'));
  const platform = await startPlatform({
    dataDir,
    databaseUrl: undefined,
    port: 0,
    logLevel: 'silent',
    engineThread: false,
  });
  try {
    const address = platform.app.server.address();
    assert.ok(address && typeof address === 'object');
    assert.equal(address.address, '127.0.0.1');
    assert.equal(platform.url, `http://127.0.0.1:${address.port}`);
  } finally {
    await platform.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
