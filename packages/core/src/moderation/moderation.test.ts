import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { DEMO_CLIPS_DIR } from '../demo/index.js';
import { addComment, createVideo, getVideo, listComments, publishVideo, removeVideo } from '../content/index.js';
import { videoMetasByIds } from '../recommend/index.js';
import { findTimer, runDueTimers } from '../timers/index.js';
import {
  allowedDecisions,
  checkDecision,
  decideItem,
  fileReport,
  getItem,
  listQueue,
  myModerationDecisions,
  REPORTS_PER_HOUR,
  REVIEW_DUE_TIMER,
  reviewWindowFromEnv,
} from './index.js';

const HOUR = 60 * 60 * 1000;

function clipCopy(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'zc-mod-')), 'orchard-oranges.mp4');
  copyFileSync(new URL('orchard-oranges.mp4', DEMO_CLIPS_DIR), path);
  return path;
}

async function deliver(core: TestCore): Promise<void> {
  while ((await core.outbox.dispatchOnce()) > 0);
}

test('decisions fit the item: approve/reject a held video, dismiss/take down reports; reject and take down need a reason', () => {
  assert.deepEqual(allowedDecisions({ subjectKind: 'video', inReview: true, reportCount: 0 }), ['approve', 'reject']);
  assert.deepEqual(allowedDecisions({ subjectKind: 'comment', inReview: false, reportCount: 2 }), [
    'dismiss',
    'take_down',
  ]);
  assert.deepEqual(allowedDecisions({ subjectKind: 'video', inReview: false, reportCount: 0 }), []);
  const held = { status: 'open', subjectKind: 'video' as const, inReview: true, reportCount: 0 };
  assert.throws(() => checkDecision(held, 'reject', '  '), { code: 'REVIEW_REASON_REQUIRED' });
  assert.throws(() => checkDecision(held, 'take_down', 'x'), { code: 'REVIEW_DECISION_INVALID' });
  assert.throws(() => checkDecision({ ...held, status: 'approved' }, 'approve', undefined), {
    code: 'REVIEW_ITEM_DECIDED',
  });
  assert.throws(() => checkDecision(held, 'reject', '理'.repeat(201)), { code: 'INVALID_INPUT' });
  assert.deepEqual(checkDecision(held, 'reject', ' 功效宣称无依据 '), { to: 'rejected', reason: '功效宣称无依据' });
  assert.deepEqual(checkDecision(held, 'approve', undefined), { to: 'approved', reason: '' });
});

test('a caption with a health claim waits in review out of the feed; the admin rejects it with a reason the author reads', async () => {
  const core = await openTestCore({ reviewWindowMs: 24 * HOUR });
  try {
    const creator = await makePerson(core, 'mod-creator', ['creator'], false);
    const admin = await makePerson(core, 'mod-admin', ['admin'], false);
    const clean = await createVideo(core.ctx, creator, {
      filePath: clipCopy(),
      title: '橙子开箱',
      caption: '今天到货 #云南褚橙',
      publish: true,
    });
    assert.equal(clean.status, 'published', 'clean text is approved at once');
    const auto = await core.ctx.db
      .selectFrom('outbox')
      .select('payload')
      .where('subject_id', '=', clean.id)
      .where('topic', '=', 'video.published')
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(auto.payload).autoApproved, true, 'recorded as approved by the automatic review');

    const draft = await createVideo(core.ctx, creator, {
      filePath: clipCopy(),
      title: '秋梨膏',
      caption: '每天一勺 润肺止咳 #秋梨膏',
    });
    assert.equal(draft.status, 'draft');
    const held = await publishVideo(core.ctx, creator, draft.id);
    assert.equal(held.status, 'review');
    assert.ok(held.warnings.some((w) => w.term === '润肺止咳' && w.severity === 'review'));
    assert.equal((await videoMetasByIds(core.ctx.db, [draft.id])).length, 0, 'not in the traffic pool while in review');
    await assert.rejects(getVideo(core.ctx.db, draft.id, null), { code: 'NOT_FOUND' });

    await deliver(core);
    const queue = await listQueue(core.ctx, admin, { source: 'rules' });
    assert.equal(queue.items.length, 1);
    const item = queue.items[0]!;
    assert.equal(item.subjectId, draft.id);
    assert.equal(item.ownerId, creator.userId);
    assert.deepEqual(item.allowed, ['approve', 'reject']);
    assert.ok(item.hits.some((h) => h.matched === '润肺止咳' && h.field === 'caption'));
    assert.match(item.excerpt, /润肺止咳/);
    assert.equal((await findTimer(core.ctx.db, REVIEW_DUE_TIMER, item.id))?.status, 'pending');
    await deliver(core); // a second delivery changes nothing
    assert.equal((await listQueue(core.ctx, admin, {})).items.length, 1);

    await assert.rejects(listQueue(core.ctx, creator, {}), { code: 'FORBIDDEN' });
    await assert.rejects(decideItem(core.ctx, admin, item.id, { decision: 'reject' }), {
      code: 'REVIEW_REASON_REQUIRED',
    });
    const decided = await decideItem(core.ctx, admin, item.id, {
      decision: 'reject',
      reason: '普通食品不得宣称润肺止咳功效',
    });
    assert.equal(decided.status, 'rejected');
    assert.equal((await getVideo(core.ctx.db, draft.id, creator)).status, 'rejected');
    assert.equal((await findTimer(core.ctx.db, REVIEW_DUE_TIMER, item.id))?.status, 'cancelled');
    await assert.rejects(decideItem(core.ctx, admin, item.id, { decision: 'approve' }), {
      code: 'REVIEW_ITEM_DECIDED',
    });
    const mine = await myModerationDecisions(core.ctx, creator, { kind: 'video' });
    assert.deepEqual(
      mine.items.map((m) => [m.subjectId, m.status, m.reason]),
      [[draft.id, 'rejected', '普通食品不得宣称润肺止咳功效']],
    );
    const event = await core.ctx.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'moderation.decided')
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(event.payload).decision, 'reject');

    // Submitted again (still the same claim): back in review, a new item; approved this time → published and in the pool.
    assert.equal((await publishVideo(core.ctx, creator, draft.id)).status, 'review');
    await deliver(core);
    const again = (await listQueue(core.ctx, admin, {})).items[0]!;
    assert.notEqual(again.id, item.id);
    assert.equal((await decideItem(core.ctx, admin, again.id, { decision: 'approve' })).status, 'approved');
    assert.equal((await getVideo(core.ctx.db, draft.id, null)).status, 'published');
    assert.equal((await videoMetasByIds(core.ctx.db, [draft.id])).length, 1);
    assert.equal(
      (await myModerationDecisions(core.ctx, creator, { subjectIds: [draft.id] })).items[0]!.status,
      'approved',
    );
  } finally {
    await core.dispose();
  }
});

test('the review deadline flags the item overdue and first in the queue; it is never approved by itself', async () => {
  const core = await openTestCore({ reviewWindowMs: 2 * HOUR });
  try {
    const creator = await makePerson(core, 'due-creator', ['creator'], false);
    const admin = await makePerson(core, 'due-admin', ['admin'], false);
    const first = await createVideo(core.ctx, creator, {
      filePath: clipCopy(),
      title: '蜂蜜',
      caption: '增强免疫力',
      publish: true,
    });
    assert.equal(first.status, 'review');
    await deliver(core);
    core.clock.advance(HOUR);
    const second = await createVideo(core.ctx, creator, {
      filePath: clipCopy(),
      title: '茶',
      caption: '排毒养颜',
      publish: true,
    });
    await deliver(core);
    assert.deepEqual(
      (await listQueue(core.ctx, admin, {})).items.map((i) => i.subjectId),
      [first.id, second.id],
    );
    core.clock.advance(HOUR + 1);
    assert.deepEqual(await runDueTimers(core.ctx, core.timers, { kinds: [REVIEW_DUE_TIMER] }), { fired: 1, failed: 0 });
    const queue = await listQueue(core.ctx, admin, {});
    assert.deepEqual(
      queue.items.map((i) => [i.subjectId, i.overdue]),
      [
        [first.id, true],
        [second.id, false],
      ],
    );
    assert.deepEqual(
      (await listQueue(core.ctx, admin, { overdue: true })).items.map((i) => i.subjectId),
      [first.id],
    );
    assert.equal((await getVideo(core.ctx.db, first.id, creator)).status, 'review', 'still waiting for a person');
    core.clock.advance(HOUR);
    await runDueTimers(core.ctx, core.timers, { kinds: [REVIEW_DUE_TIMER] });
    assert.deepEqual(
      (await listQueue(core.ctx, admin, {})).items.map((i) => [i.subjectId, i.overdue]),
      [
        [first.id, true],
        [second.id, true],
      ],
    );

    // The owner removes a held video: its item leaves the queue as withdrawn.
    await removeVideo(core.ctx, creator, second.id);
    await deliver(core);
    assert.deepEqual(
      (await listQueue(core.ctx, admin, {})).items.map((i) => i.subjectId),
      [first.id],
    );
    assert.deepEqual(
      (await listQueue(core.ctx, admin, { status: 'withdrawn' })).items.map((i) => i.subjectId),
      [second.id],
    );
  } finally {
    await core.dispose();
  }
});

test('reports group by subject with a count, one open report per person, a rate limit per reporter; take down hides a comment', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'rep-shop');
    const creator = await makePerson(core, 'rep-creator', ['creator'], false);
    const admin = await makePerson(core, 'rep-admin', ['admin'], false);
    const a = await makePerson(core, 'rep-a', [], false);
    const b = await makePerson(core, 'rep-b', [], false);
    const video = await createVideo(core.ctx, creator, {
      filePath: clipCopy(),
      title: '橙子',
      caption: '好吃',
      publish: true,
    });
    const comment = await addComment(core.ctx, creator, video.id, { text: '去隔壁买更便宜' });
    const r1 = await fileReport(
      core.ctx,
      a,
      { subjectKind: 'comment', subjectId: comment.id, reason: 'diversion', note: '引流' },
      HOUR,
    );
    const r2 = await fileReport(core.ctx, b, { subjectKind: 'comment', subjectId: comment.id, reason: 'fraud' }, HOUR);
    assert.equal(r1.itemId, r2.itemId);
    assert.equal(r2.reportCount, 2);
    await assert.rejects(
      fileReport(core.ctx, a, { subjectKind: 'comment', subjectId: comment.id, reason: 'other' }, HOUR),
      { code: 'REPORT_ALREADY_OPEN' },
    );
    await assert.rejects(
      fileReport(core.ctx, creator, { subjectKind: 'comment', subjectId: comment.id, reason: 'other' }, HOUR),
      { code: 'INVALID_INPUT' },
    );
    await assert.rejects(
      fileReport(
        core.ctx,
        a,
        { subjectKind: 'video', subjectId: 'vid_00000000000000000000000000', reason: 'other' },
        HOUR,
      ),
      { code: 'NOT_FOUND' },
    );
    await assert.rejects(
      fileReport(core.ctx, a, { subjectKind: 'video', subjectId: video.id, reason: 'bogus' as 'other' }, HOUR),
      { code: 'INVALID_INPUT' },
    );
    await fileReport(core.ctx, a, { subjectKind: 'product', subjectId: shop.productId, reason: 'false_claim' }, HOUR);

    const item = await getItem(core.ctx, admin, r1.itemId);
    assert.equal(item.source, 'reports');
    assert.equal(item.reportCount, 2);
    assert.deepEqual(
      item.reports.map((r) => r.reason),
      ['diversion', 'fraud'],
    );
    assert.deepEqual(item.allowed, ['dismiss', 'take_down']);
    assert.deepEqual(
      (await listQueue(core.ctx, admin, { kind: 'product' })).items.map((i) => i.subjectId),
      [shop.productId],
    );
    await assert.rejects(decideItem(core.ctx, admin, item.id, { decision: 'take_down' }), {
      code: 'REVIEW_REASON_REQUIRED',
    });
    await decideItem(core.ctx, admin, item.id, { decision: 'take_down', reason: '站外导流' });
    assert.equal(
      (await listComments(core.ctx.db, video.id, null, { limit: 20 })).items.length,
      0,
      'the comment is hidden',
    );
    assert.equal((await getVideo(core.ctx.db, video.id, null)).stats.comments, 0);
    assert.equal((await myModerationDecisions(core.ctx, creator, { kind: 'comment' })).items[0]!.reason, '站外导流');
    // Decided: the same person may report the subject again later; a hidden comment cannot be reported.
    await assert.rejects(
      fileReport(core.ctx, a, { subjectKind: 'comment', subjectId: comment.id, reason: 'other' }, HOUR),
      { code: 'NOT_FOUND' },
    );

    // The rate limit: REPORTS_PER_HOUR an hour per reporter, then 429; an hour later it opens again.
    const flood = await makePerson(core, 'rep-flood', [], false);
    const comments = [];
    for (let i = 0; i < REPORTS_PER_HOUR + 1; i++)
      comments.push(await addComment(core.ctx, creator, video.id, { text: `评论 ${i}` }));
    for (let i = 0; i < REPORTS_PER_HOUR; i++)
      await fileReport(core.ctx, flood, { subjectKind: 'comment', subjectId: comments[i]!.id, reason: 'vulgar' }, HOUR);
    const last = comments[REPORTS_PER_HOUR]!.id;
    await assert.rejects(
      fileReport(core.ctx, flood, { subjectKind: 'comment', subjectId: last, reason: 'vulgar' }, HOUR),
      (e: { code: string; status: number }) => e.code === 'REPORT_RATE_LIMITED' && e.status === 429,
    );
    assert.equal(
      (await core.ctx.db.selectFrom('moderation_reports').select('id').where('subject_id', '=', last).execute()).length,
      0,
      'nothing half-written',
    );
    core.clock.advance(HOUR + 1);
    await fileReport(core.ctx, flood, { subjectKind: 'comment', subjectId: last, reason: 'vulgar' }, HOUR);
  } finally {
    await core.dispose();
  }
});

test('the review window comes from REVIEW_WINDOW_HOURS, else 24 hours', () => {
  assert.equal(reviewWindowFromEnv({ REVIEW_WINDOW_HOURS: '2' }), 2 * HOUR);
  assert.equal(reviewWindowFromEnv({ REVIEW_WINDOW_HOURS: '0.5' }), HOUR / 2);
  for (const bad of [undefined, '', '0', '-3', 'soon'])
    assert.equal(reviewWindowFromEnv({ REVIEW_WINDOW_HOURS: bad }), 24 * HOUR, String(bad));
});
