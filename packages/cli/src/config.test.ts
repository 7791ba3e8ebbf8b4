import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonConfig, exposedDemoWarning, isLoopbackHost } from './config.js';

test('the server listens on loopback unless told otherwise', () => {
  const saved = process.env.ZHONGCAO_HOST;
  delete process.env.ZHONGCAO_HOST;
  try {
    assert.equal(commonConfig({}).host, '127.0.0.1');
    assert.equal(commonConfig({ host: '0.0.0.0' }).host, '0.0.0.0');
    process.env.ZHONGCAO_HOST = '::';
    assert.equal(commonConfig({}).host, '::');
  } finally {
    if (saved === undefined) delete process.env.ZHONGCAO_HOST;
    else process.env.ZHONGCAO_HOST = saved;
  }
});

test('loopback hosts are told apart from exposed ones, and the warning names the open accounts', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) assert.equal(isLoopbackHost(h), true, h);
  for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) assert.equal(isLoopbackHost(h), false, h);
  const text = exposedDemoWarning('0.0.0.0', ['demo-admin', 'demo-shopper']);
  assert.match(text, /WARNING: listening on 0\.0\.0\.0/);
  assert.match(text, /demo-admin, demo-shopper/);
});
