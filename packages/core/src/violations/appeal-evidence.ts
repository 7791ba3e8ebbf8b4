/**
 * Where an appeal's photos come from. The buyer's app uploads them through the after-sales evidence
 * upload (its type and size checks, its purge of unused uploads); filing the appeal takes them out
 * of that pool so they are kept with the appeal. After-sales sits above violations, so violations
 * does not call it: the composition root (`core.ts` `openCore`) registers after-sales'
 * `takeUnusedEvidence` here for each store it opens. An appeal with photos on a store where nothing
 * was registered fails loudly instead of dropping the photos.
 */
import type { CoreContext, Db, Tx } from '../context.js';
import { runtimeOf, runtimePart } from '../platform/index.js';

/** Takes the uploader's unused photos by id (removing them from the unused pool); fewer back when some were not found. */
export type TakeAppealEvidence = (
  tx: Tx,
  uploaderId: string,
  ids: readonly string[],
) => Promise<Array<{ id: string; url: string }>>;

const evidencePart = runtimePart<{ take: TakeAppealEvidence | null }, Db>('violations.appeal-evidence', () => ({
  take: null,
}));

/** Registered by `openCore` (core.ts) with after-sales' `takeUnusedEvidence`. */
export function registerAppealEvidence(ctx: Pick<CoreContext, 'db'>, take: TakeAppealEvidence): void {
  runtimeOf(ctx.db).use(evidencePart).take = take;
}

/** The registered source of appeal photos; throws when none was registered (a wiring error, not bad input). */
export function appealEvidenceSource(ctx: Pick<CoreContext, 'db'>): TakeAppealEvidence {
  const take = runtimeOf(ctx.db).use(evidencePart).take;
  if (!take)
    throw new Error(
      'violations: no appeal evidence source registered (openCore registers after-sales takeUnusedEvidence)',
    );
  return take;
}
