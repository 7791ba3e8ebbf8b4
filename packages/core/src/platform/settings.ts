import { randomBytes } from 'node:crypto';
import type { Db } from '../context.js';
import { runtimePart, runtimeOf } from './runtime.js';

/** A value generated once per installation and kept in the store (e.g. the sandbox gateway's signing secret). */
export async function installationSecret(db: Db, key: string): Promise<string> {
  const candidate = randomBytes(32).toString('base64url');
  await db
    .insertInto('settings')
    .values({ key, value: candidate })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

/** Installation secrets read in this process, by key (a failed read is forgotten and tried again). */
const secretsPart = runtimePart<Map<string, Promise<string>>, Db>('platform.installation-secrets', () => new Map());

/** `installationSecret`, read once per store and process. */
export function cachedInstallationSecret(db: Db, key: string): Promise<string> {
  const secrets = runtimeOf(db).use(secretsPart);
  let s = secrets.get(key);
  if (!s) {
    s = installationSecret(db, key);
    secrets.set(key, s);
    s.catch(() => secrets.delete(key));
  }
  return s;
}

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
