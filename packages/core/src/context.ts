import type { Kysely, Transaction } from 'kysely';
import type { Clock } from './platform/index.js';
import type { Dialect, Database } from './storage/index.js';
import type { PaymentProviders } from './payments/index.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** What every service function needs: the store, the clock, where files live, the providers. */
export interface CoreContext {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  dataDir: string;
  payments: PaymentProviders;
  /** Minutes a new order waits for payment before it may be cancelled. */
  payWindowMs: number;
}

/** Who is calling: resolved once per request from the session. */
export interface Actor {
  userId: string;
  login: string;
  displayName: string;
  /** Global roles (shopper, creator, mcn, colonel, admin); `merchant` when the person belongs to a shop. */
  roles: ReadonlySet<string>;
  /** Shops this person belongs to, with the role held there. */
  shops: ReadonlyMap<string, 'owner' | 'staff'>;
}
