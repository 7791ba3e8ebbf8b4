/** Quality checks (质检) of a batch: result, inspector, notes and photos, in one transaction. */
import type { Actor, CoreContext } from '../context.js';
import { invalid, newId } from '../platform/index.js';
import { ownBatch } from './access.js';
import { batchDetail, type BatchDetail } from './batch-views.js';
import { attachPhotos } from './photos.js';
import { checkPastDate, checkQcResult, LIMITS, text } from './supply-rules.js';

export interface QcInput {
  result: string;
  inspector: string;
  notes?: string | undefined;
  /** When the check was made (epoch ms); now when absent; never in the future. */
  checkedAt?: number | undefined;
  /** Uploaded photos of this shop (POST …/supply-photos), at most six. */
  photoIds?: string[] | undefined;
}

export async function addQcRecord(
  ctx: CoreContext,
  actor: Actor,
  batchId: string,
  input: QcInput,
): Promise<BatchDetail> {
  const now = ctx.clock.now();
  const result = checkQcResult(input.result);
  const inspector = text(input.inspector, 'inspector', LIMITS.inspector, 1);
  // A failed check says what failed: the merchant and, through the score, the supplier learn from it.
  const notes = text(input.notes, 'notes', LIMITS.qcNotes, result === 'fail' ? 1 : 0);
  const checkedAt = checkPastDate(input.checkedAt ?? now, 'checkedAt', now);
  const photoIds = input.photoIds ?? [];
  if (photoIds.length > LIMITS.qcPhotos)
    throw invalid(`a check has at most ${LIMITS.qcPhotos} photos`, { field: 'photoIds' });
  await ctx.db.transaction().execute(async (tx) => {
    const batch = await ownBatch(tx, actor, batchId);
    const id = newId('qcRecord', now);
    await tx
      .insertInto('supply_qc_records')
      .values({
        id,
        batch_id: batchId,
        shop_id: batch.shop_id,
        result,
        inspector,
        notes,
        checked_at: checkedAt,
        created_at: now,
      })
      .execute();
    await attachPhotos(tx, batch.shop_id, photoIds, id);
  });
  return batchDetail(ctx.db, actor, batchId);
}
