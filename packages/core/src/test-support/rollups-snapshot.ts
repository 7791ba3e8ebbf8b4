/**
 * The recount helper of the 罗盘 tests: every rollup, distinct-people row (both grains) and live
 * minute's sales of a store (and the dense values' first and last days seen and gap rows), in a stable order with zero rows left out, so the rollups kept by a
 * consumer can be compared with a rebuild's recount from the raw rows.
 */
import type { Db } from '../context.js';

export async function rollupsSnapshot(db: Db) {
  const rollups = await db
    .selectFrom('analytics_rollups')
    .selectAll()
    .orderBy('scope')
    .orderBy('scope_id')
    .orderBy('dim')
    .orderBy('hour')
    .orderBy('dim_id')
    .execute();
  const people = await db
    .selectFrom('analytics_people')
    .selectAll()
    .orderBy('scope')
    .orderBy('scope_id')
    .orderBy('dim')
    .orderBy('kind')
    .orderBy('hour')
    .orderBy('dim_id')
    .orderBy('person')
    .execute();
  const norm = (rows: Array<Record<string, unknown>>) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'string' && /^-?\d+$/.test(v) && k !== 'dim_id' && k !== 'scope_id' && k !== 'person'
            ? Number(v)
            : v,
        ]),
      ),
    );
  const rollupsDaily = await db
    .selectFrom('analytics_rollups_daily')
    .selectAll()
    .orderBy('scope')
    .orderBy('scope_id')
    .orderBy('dim')
    .orderBy('day')
    .orderBy('dim_id')
    .execute();
  const peopleDaily = await db
    .selectFrom('analytics_people_daily')
    .selectAll()
    .orderBy('scope')
    .orderBy('scope_id')
    .orderBy('dim')
    .orderBy('kind')
    .orderBy('day')
    .orderBy('dim_id')
    .orderBy('person')
    .execute();
  const seen = await db
    .selectFrom('analytics_people_seen')
    .selectAll()
    .orderBy('scope')
    .orderBy('scope_id')
    .orderBy('dim')
    .orderBy('dim_id')
    .orderBy('kind')
    .orderBy('person')
    .execute();
  const gaps = await db
    .selectFrom('analytics_people_gaps')
    .selectAll()
    .where('n', '!=', 0)
    .orderBy('scope')
    .orderBy('scope_id')
    .orderBy('dim')
    .orderBy('dim_id')
    .orderBy('kind')
    .orderBy('day')
    .orderBy('gap')
    .execute();
  const minutes = await db
    .selectFrom('analytics_live_minutes')
    .select(['room_id', 'minute', 'orders', 'gmv_fen'])
    .orderBy('room_id')
    .orderBy('minute')
    .execute();
  return {
    rollups: norm(rollups).filter((r) =>
      Object.entries(r).some(([k, v]) => typeof v === 'number' && k !== 'hour' && v !== 0),
    ),
    people: norm(people),
    rollupsDaily: norm(rollupsDaily).filter((r) =>
      Object.entries(r).some(([k, v]) => typeof v === 'number' && k !== 'day' && v !== 0),
    ),
    peopleDaily: norm(peopleDaily),
    seen: norm(seen),
    gaps: norm(gaps),
    minutes: norm(minutes).filter((m) => m.orders !== 0 || m.gmv_fen !== 0),
  };
}
