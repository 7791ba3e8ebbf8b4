import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { REPORTS_PER_HOUR } from '@zhongcao/core';
import { makePerson } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';
import { multipartBody } from '../test-support/tenants.js';

const CLIP = readFileSync(new URL('../../../core/assets/demo-videos/orchard-oranges.mp4', import.meta.url));

test('review queue over HTTP: a held upload reaches the queue, admins decide with a reason, authors read it; bad input answers 4xx with stable codes', async () => {
  const s = await startTestServer();
  try {
    const creator = await makePerson(s.core, 'http-mod-creator', ['creator'], false);
    const creatorToken = await s.tokenFor(creator.userId);
    const admin = await s.tokenFor((await makePerson(s.core, 'http-mod-admin', ['admin'], false)).userId);
    const shopper = await s.tokenFor((await makePerson(s.core, 'http-mod-shopper', [], false)).userId);
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;

    const body = multipartBody(
      { name: 'clip.mp4', bytes: CLIP, contentType: 'video/mp4' },
      { title: '秋梨膏', caption: '每天一勺 润肺止咳', publish: 'true' },
    );
    const up = await s.app.inject({
      method: 'POST',
      url: '/api/v1/videos',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${creatorToken}` },
    });
    assert.equal(up.statusCode, 201, up.body);
    assert.equal(up.json().status, 'review');
    const videoId = up.json().id as string;
    await s.core.tick();

    assert.equal(err(await s.call('GET', '/api/v1/admin/moderation/items', { token: shopper })), '403 FORBIDDEN');
    assert.equal(err(await s.call('GET', '/api/v1/admin/moderation/items')), '401 UNAUTHENTICATED');
    assert.equal(
      err(await s.call('GET', '/api/v1/admin/moderation/items?kind=tweet', { token: admin })),
      '400 VALIDATION_FAILED',
    );
    const queue = await s.call('GET', '/api/v1/admin/moderation/items?source=rules', { token: admin });
    assert.equal(queue.statusCode, 200);
    const item = queue.json().items.find((i: { subjectId: string }) => i.subjectId === videoId);
    assert.ok(item, queue.body);
    assert.deepEqual(item.allowed, ['approve', 'reject']);
    assert.ok(item.hits.some((h: { matched: string }) => h.matched === '润肺止咳'));

    const decide = (b: unknown, id = item.id) =>
      s.call('POST', `/api/v1/admin/moderation/items/${id}/decision`, { token: admin, body: b });
    assert.equal(err(await decide({ decision: 'reject' })), '400 REVIEW_REASON_REQUIRED');
    assert.equal(err(await decide({ decision: 'ban', reason: 'x' })), '400 VALIDATION_FAILED');
    assert.equal(err(await decide({ decision: 'take_down', reason: 'x' })), '409 REVIEW_DECISION_INVALID');
    assert.equal(err(await decide({ decision: 'approve' }, 'mdi_00000000000000000000000000')), '404 NOT_FOUND');
    assert.equal(err(await decide({ decision: 'approve' }, 'nope')), '400 VALIDATION_FAILED');
    assert.equal(
      err(
        await s.call('POST', `/api/v1/admin/moderation/items/${item.id}/decision`, {
          token: creatorToken,
          body: { decision: 'approve' },
        }),
      ),
      '403 FORBIDDEN',
    );
    const rejected = await decide({ decision: 'reject', reason: '普通食品不得宣称功效' });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal(err(await decide({ decision: 'approve' })), '409 REVIEW_ITEM_DECIDED');

    const mine = await s.call('GET', `/api/v1/moderation/mine?kind=video&ids=${videoId}`, { token: creatorToken });
    assert.deepEqual(
      mine.json().items.map((m: { status: string; reason: string }) => [m.status, m.reason]),
      [['rejected', '普通食品不得宣称功效']],
    );
    const video = await s.call('GET', `/api/v1/videos/${videoId}`, { token: creatorToken });
    assert.equal(video.json().status, 'rejected');
    assert.equal((await s.call('GET', `/api/v1/videos/${videoId}`, { token: shopper })).statusCode, 404);
  } finally {
    await s.close();
  }
});

test('reports over HTTP: validation, one open report per person, 429 REPORT_RATE_LIMITED when one account floods', async () => {
  const s = await startTestServer();
  try {
    const creator = await makePerson(s.core, 'http-rep-creator', ['creator'], false);
    const creatorToken = await s.tokenFor(creator.userId);
    const flood = await s.tokenFor((await makePerson(s.core, 'http-rep-flood', [], false)).userId);
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;
    const body = multipartBody(
      { name: 'clip.mp4', bytes: CLIP, contentType: 'video/mp4' },
      { title: '橙子', caption: '好吃', publish: 'true' },
    );
    const up = await s.app.inject({
      method: 'POST',
      url: '/api/v1/videos',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${creatorToken}` },
    });
    const videoId = up.json().id as string;
    const comments: string[] = [];
    for (let i = 0; i <= REPORTS_PER_HOUR; i++) {
      const c = await s.call('POST', `/api/v1/videos/${videoId}/comments`, {
        token: creatorToken,
        body: { text: `评论 ${i}` },
      });
      assert.equal(c.statusCode, 201, c.body);
      comments.push(c.json().id);
    }
    const report = (b: unknown, token: string = flood) => s.call('POST', '/api/v1/reports', { token, body: b });
    assert.equal(
      err(
        await s.call('POST', '/api/v1/reports', {
          body: { subjectKind: 'comment', subjectId: comments[0], reason: 'vulgar' },
        }),
      ),
      '401 UNAUTHENTICATED',
    );
    assert.equal(
      err(await report({ subjectKind: 'comment', subjectId: comments[0], reason: 'because' })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await report({ subjectKind: 'tweet', subjectId: comments[0], reason: 'vulgar' })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await report({ subjectKind: 'comment', subjectId: comments[0], reason: 'vulgar', note: '长'.repeat(501) })),
      '400 INVALID_INPUT',
    );
    assert.equal(
      err(await report({ subjectKind: 'comment', subjectId: 'cmt_00000000000000000000000000', reason: 'vulgar' })),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(await report({ subjectKind: 'video', subjectId: videoId, reason: 'vulgar' }, creatorToken)),
      '400 INVALID_INPUT',
    );
    const first = await report({ subjectKind: 'video', subjectId: videoId, reason: 'false_claim', note: '夸大' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(
      err(await report({ subjectKind: 'video', subjectId: videoId, reason: 'other' })),
      '409 REPORT_ALREADY_OPEN',
    );
    for (let i = 1; i < REPORTS_PER_HOUR; i++)
      assert.equal(
        (await report({ subjectKind: 'comment', subjectId: comments[i], reason: 'vulgar' })).statusCode,
        201,
      );
    assert.equal(
      err(await report({ subjectKind: 'comment', subjectId: comments[REPORTS_PER_HOUR], reason: 'vulgar' })),
      '429 REPORT_RATE_LIMITED',
    );
    assert.deepEqual((await s.call('GET', '/api/v1/reports/reasons')).json().reasons.slice(0, 2), [
      'false_claim',
      'prohibited',
    ]);
  } finally {
    await s.close();
  }
});
