import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect-of.js';

/**
 * What a retrained model's hot swap needs, stored with its version so every engine replica (and
 * a process started later) swaps in the same model: the vectors, the co-occurrence table and the
 * ranker's weights as binary parts, each cut into chunks of at most 1 MiB.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = dialectOf(db) === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('model_artefacts')
    .addColumn('version_id', 'text', (c) => c.notNull().references('model_versions.id'))
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('chunk', 'integer', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addPrimaryKeyConstraint('model_artefacts_pk', ['version_id', 'part', 'chunk'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('model_artefacts').execute();
}
