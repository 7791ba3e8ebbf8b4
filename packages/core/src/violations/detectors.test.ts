/**
 * Violations recorded by other modules' decisions, through the outbox: a video an admin rejects in
 * review (未通过) costs its owner the content rule's points; a report upheld on a product costs the
 * shop a confirmed report, on a comment its author; a dismissed report costs nothing; redelivery
 * records nothing twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { DEMO_CLIPS_DIR } from '../demo/index.js';
import { addComment, createVideo, publishVideo } from '../content/index.js';
import { decideItem, fileReport, listQueue } from '../moderation/index.js';

const HOUR = 3_600_000;

function clipCopy(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'zc-vio-')), 'orchard-oranges.mp4');
  copyFileSync(new URL('orchard-oranges.mp4', DEMO_CLIPS_DIR), path);
  return path;
}

async function deliver(core: TestCore): Promise<void> {
  while ((await core.outbox.dispatchOnce()) > 0);
}

const recorded = (core: TestCore) =>
  core.ctx.db.selectFrom('violations').select(['subject_kind', 'subject_id', 'rule', 'ref_id']).orderBy('id').execute();

test('a video rejected in review and reports upheld become violations of whoever owns the content; dismissed reports do not', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'det-shop');
    const creator = await makePerson(core, 'det-creator', ['creator'], false);
    const admin = await makePerson(core, 'det-admin', ['admin'], false);
    const a = await makePerson(core, 'det-a', [], false);
    const b = await makePerson(core, 'det-b', [], false);

    // A medical claim goes to review; the admin rejects it: content_rejected for the creator.
    const draft = await createVideo(core.ctx, creator, {
      filePath: clipCopy(),
      title: '秋梨膏',
      caption: '每天一勺 润肺止咳',
    });
    assert.equal((await publishVideo(core.ctx, creator, draft.id)).status, 'review');
    await deliver(core);
    const held = (await listQueue(core.ctx, admin, { source: 'rules' })).items[0]!;
    await decideItem(core.ctx, admin, held.id, { decision: 'reject', reason: '普通食品不得宣称功效' });
    await deliver(core);
    assert.deepEqual(await recorded(core), [
      { subject_kind: 'creator', subject_id: creator.userId, rule: 'content_rejected', ref_id: draft.id },
    ]);

    // A product reported and taken down: report_confirmed for the shop. A comment reported and dismissed: nothing.
    const video = await createVideo(core.ctx, creator, {
      filePath: clipCopy(),
      title: '橙子',
      caption: '好吃',
      publish: true,
    });
    const comment = await addComment(core.ctx, b, video.id, { text: '这个橙子看着不错' });
    const onProduct = await fileReport(
      core.ctx,
      a,
      { subjectKind: 'product', subjectId: shop.productId, reason: 'false_claim' },
      HOUR,
    );
    const onComment = await fileReport(
      core.ctx,
      a,
      { subjectKind: 'comment', subjectId: comment.id, reason: 'vulgar' },
      HOUR,
    );
    await decideItem(core.ctx, admin, onComment.itemId, { decision: 'dismiss' });
    await decideItem(core.ctx, admin, onProduct.itemId, { decision: 'take_down', reason: '宣传与实物不符' });
    await deliver(core);
    const after = await recorded(core);
    assert.equal(after.length, 2);
    assert.deepEqual(after[1], {
      subject_kind: 'shop',
      subject_id: shop.shopId,
      rule: 'report_confirmed',
      ref_id: onProduct.itemId,
    });

    // A comment reported and taken down: its author answers for it.
    const target = await addComment(core.ctx, b, video.id, { text: '难吃死了，别买' });
    const onRude = await fileReport(
      core.ctx,
      a,
      { subjectKind: 'comment', subjectId: target.id, reason: 'vulgar' },
      HOUR,
    );
    await decideItem(core.ctx, admin, onRude.itemId, { decision: 'take_down', reason: '辱骂' });
    await deliver(core);
    const last = (await recorded(core)).at(-1)!;
    assert.deepEqual(last, {
      subject_kind: 'creator',
      subject_id: b.userId,
      rule: 'report_confirmed',
      ref_id: onRude.itemId,
    });

    // Redelivering every event records nothing more.
    const before = (await recorded(core)).length;
    await core.ctx.db.updateTable('outbox').set({ dispatched_at: null }).execute();
    await deliver(core);
    assert.equal((await recorded(core)).length, before);
  } finally {
    await core.dispose();
  }
});
