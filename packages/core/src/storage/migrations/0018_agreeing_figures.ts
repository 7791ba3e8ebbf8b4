import type { Kysely } from 'kysely';

/**
 * A ledger entry can name the order line it pays for: settlement and clawback journals post each
 * commission per line, so reports read what the ledger paid for a line instead of recomputing it.
 * Entries of older journals (and every other entry) have no line.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ledger_entries').addColumn('order_line_id', 'text').execute();
  await db.schema
    .createIndex('ledger_entries_line')
    .on('ledger_entries')
    .columns(['order_line_id', 'account_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
