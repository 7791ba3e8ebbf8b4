/** Per-person preferences. Absent row = the defaults (personalised recommendation on). */
import type { Actor, CoreContext, Db } from '../context.js';

export interface PersonSettings {
  personalizedRecommendation: boolean;
}

export const DEFAULT_PERSON_SETTINGS: PersonSettings = { personalizedRecommendation: true };

export async function getPersonSettings(db: Db, userId: string): Promise<PersonSettings> {
  const row = await db
    .selectFrom('person_settings')
    .select('personalized_recommendation')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row
    ? { personalizedRecommendation: Number(row.personalized_recommendation) === 1 }
    : { ...DEFAULT_PERSON_SETTINGS };
}

/** Takes effect on the very next request: readers never cache it. */
export async function putPersonSettings(
  ctx: CoreContext,
  actor: Actor,
  input: PersonSettings,
): Promise<PersonSettings> {
  const value = input.personalizedRecommendation ? 1 : 0;
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('person_settings')
    .values({ user_id: actor.userId, personalized_recommendation: value, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ personalized_recommendation: value, updated_at: now }))
    .execute();
  return getPersonSettings(ctx.db, actor.userId);
}
