import type { Kysely } from 'kysely';

/**
 * The review queue (内容审核) and reports (举报): one item per subject under review, opened by the
 * rule book (a term of severity review) or by reports; the reports of a subject are grouped under
 * its open item. `open_key` is set while an item (or a report) is open and cleared when it is
 * decided, so a unique index keeps one open item per subject and one open report per person and
 * subject, on both databases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('moderation_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('open_key', 'text', (c) => c.unique())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('hits', 'text', (c) => c.notNull())
    .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', ms, (c) => c.notNull())
    .addColumn('opened_at', ms, (c) => c.notNull())
    .addColumn('decided_at', ms)
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decision_reason', 'text')
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s
    .createIndex('moderation_items_queue')
    .on('moderation_items')
    .columns(['status', 'overdue', 'opened_at'])
    .execute();
  await s
    .createIndex('moderation_items_subject')
    .on('moderation_items')
    .columns(['subject_kind', 'subject_id', 'opened_at'])
    .execute();
  await s
    .createIndex('moderation_items_owner')
    .on('moderation_items')
    .columns(['owner_id', 'subject_kind', 'opened_at'])
    .execute();

  await s
    .createTable('moderation_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('moderation_items.id'))
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('open_key', 'text', (c) => c.unique())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('moderation_reports_item').on('moderation_reports').columns(['item_id', 'created_at']).execute();
  await s
    .createIndex('moderation_reports_reporter')
    .on('moderation_reports')
    .columns(['reporter_id', 'created_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0025_review_queue cannot be reverted');
}
