import type { Kysely } from 'kysely';
import { newId } from '../../platform/index.js';

const NINETY_DAYS_MS = 90 * 86_400_000;

/**
 * Violation points, penalties and appeals: the catalogue's edited points, every violation of a
 * shop or creator with its ledger and status, appeals with their evidence and decision, penalties
 * with a start and an end, and each violation's timeline. The late-shipment points recorded before
 * (shop_violations) are carried over as general-ledger violations, and that table goes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('violation_rules')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('milli_points', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('violations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('ledger', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('milli_points', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('appeals_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('violations_once', ['subject_kind', 'subject_id', 'rule', 'ref_id'])
    .execute();
  await s
    .createIndex('violations_subject_time')
    .on('violations')
    .columns(['subject_kind', 'subject_id', 'created_at'])
    .execute();

  await s
    .createTable('violation_appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('violation_id', 'text', (c) => c.notNull().references('violations.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('decided_at', ms)
    .addUniqueConstraint('violation_appeals_attempt', ['violation_id', 'attempt'])
    .execute();
  await s.createIndex('violation_appeals_status').on('violation_appeals').columns(['status', 'created_at']).execute();

  await s
    .createTable('violation_penalties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('ledger', 'text', (c) => c.notNull())
    .addColumn('milestone', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('multiplier_permille', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('starts_at', ms, (c) => c.notNull())
    .addColumn('ends_at', ms, (c) => c.notNull())
    .addColumn('lifted_at', ms)
    .addColumn('lift_reason', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s
    .createIndex('violation_penalties_subject')
    .on('violation_penalties')
    .columns(['subject_kind', 'subject_id', 'status'])
    .execute();
  await s.createIndex('violation_penalties_kind').on('violation_penalties').columns(['kind', 'status']).execute();

  await s
    .createTable('violation_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('violation_id', 'text', (c) => c.notNull().references('violations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('violation_events_violation').on('violation_events').columns(['violation_id', 'id']).execute();

  // Carry the late-shipment points over, in batches.
  const old = (await db.selectFrom('shop_violations').selectAll().orderBy('created_at').execute()) as Array<{
    shop_id: string;
    rule: string;
    subject_id: string;
    milli_points: number;
    detail: string;
    created_at: number;
  }>;
  for (let i = 0; i < old.length; i += 200) {
    const batch = old.slice(i, i + 200).map((r) => {
      const at = Number(r.created_at);
      return {
        violation: {
          id: newId('violation', at),
          subject_kind: 'shop',
          subject_id: r.shop_id,
          rule: r.rule,
          ledger: 'general',
          ref_id: r.subject_id,
          milli_points: Number(r.milli_points),
          status: 'in_force',
          appeals_used: 0,
          detail: r.detail,
          recorded_by: null,
          created_at: at,
          expires_at: at + NINETY_DAYS_MS,
          updated_at: at,
        },
        at,
      };
    });
    await db
      .insertInto('violations')
      .values(batch.map((b) => b.violation))
      .execute();
    await db
      .insertInto('violation_events')
      .values(
        batch.map((b) => ({
          id: newId('violationEvent', b.at),
          violation_id: b.violation.id,
          kind: 'recorded',
          detail: JSON.stringify({ milliPoints: b.violation.milli_points, carriedOver: true }),
          actor_id: null,
          at: b.at,
        })),
      )
      .execute();
  }
  await s.dropTable('shop_violations').execute();
}

export async function down(): Promise<void> {
  throw new Error('0026_violations cannot be reverted');
}
