/** Which demo accounts still accept the published demo password (a warning when the server is exposed). */
import type { Core } from '../core.js';
import { verifyPassword } from '../accounts/index.js';
import { DEMO_DOORS, DEMO_PASSWORD } from './seed.js';

export async function demoAccountsWithPublicPassword(core: Core): Promise<string[]> {
  const rows = await core.ctx.db
    .selectFrom('users')
    .select(['login', 'password_hash'])
    .where(
      'login',
      'in',
      DEMO_DOORS.map((d) => d.login),
    )
    .execute();
  const open: string[] = [];
  for (const row of rows)
    if (row.password_hash && (await verifyPassword(row.password_hash, DEMO_PASSWORD))) open.push(row.login);
  return open.sort();
}
