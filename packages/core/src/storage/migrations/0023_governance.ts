import type { Kysely } from 'kysely';

/**
 * Governance: the rule book of red lines an admin edits (terms with their class, severity and the
 * rule they break; homophone spellings) and its version, bumped by every change so each process
 * rebuilds its matcher. The default book is loaded on first use, not here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('governance_terms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('folded', 'text', (c) => c.notNull().unique())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('governance_terms_class').on('governance_terms').columns(['class', 'id']).execute();

  await s
    .createTable('governance_homophones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('canonical', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('governance_homophones_pair', ['canonical', 'variant'])
    .execute();

  await s
    .createTable('governance_book')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0023_governance cannot be reverted');
}
