import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from '../accounts/index.js';
import { makePerson, openTestCore } from '../test-support/index.js';
import { demoAccountsWithPublicPassword } from './demo-accounts.js';
import { DEMO_PASSWORD } from './seed.js';

test('demo accounts that still take the published password are named; changed or other accounts are not', async () => {
  const core = await openTestCore();
  try {
    assert.deepEqual(await demoAccountsWithPublicPassword(core), []);
    await register(core.ctx, { login: 'demo-admin', password: DEMO_PASSWORD, displayName: 'admin' });
    await register(core.ctx, { login: 'demo-shopper', password: 'another-secret-9', displayName: 'shopper' });
    await register(core.ctx, { login: 'someone-else', password: DEMO_PASSWORD, displayName: 'x' });
    await makePerson(core, 'demo-merchant');
    assert.deepEqual(await demoAccountsWithPublicPassword(core), ['demo-admin']);
  } finally {
    await core.dispose();
  }
});
