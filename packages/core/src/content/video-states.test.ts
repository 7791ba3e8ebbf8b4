import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertVideoTransition,
  canVideoTransition,
  publishPath,
  reviewTarget,
  VIDEO_STATUSES,
  VIDEO_TRANSITIONS,
} from './video-states.js';
import { checkAnchorIds, checkCaption, checkCommentText, checkTitle, parseHashtags } from './text-rules.js';

test('publishing walks draft → review → published for clean text; review is decided by the reviewer, not the owner', () => {
  assert.deepEqual(publishPath('draft', true), [
    { to: 'review', by: 'owner' },
    { to: 'published', by: 'reviewer' },
  ]);
  assert.deepEqual(publishPath('review', true), [{ to: 'published', by: 'reviewer' }]);
  assert.equal(canVideoTransition('review', 'published', 'owner'), false);
  assert.equal(canVideoTransition('draft', 'published', 'owner'), false);
  assert.throws(() => publishPath('published', true), { code: 'INVALID_TRANSITION' });
  assert.throws(() => publishPath('removed', true), { code: 'INVALID_TRANSITION' });
});

test('text with a review hit stops in review; only an admin rejects, and the owner may submit again', () => {
  assert.deepEqual(publishPath('draft', false), [{ to: 'review', by: 'owner' }]);
  assert.deepEqual(publishPath('review', false), []);
  assert.deepEqual(publishPath('rejected', false), [{ to: 'review', by: 'owner' }]);
  assert.deepEqual(publishPath('rejected', true), [
    { to: 'review', by: 'owner' },
    { to: 'published', by: 'reviewer' },
  ]);
  assert.equal(canVideoTransition('review', 'rejected', 'admin'), true);
  assert.equal(canVideoTransition('review', 'rejected', 'owner'), false);
  assert.equal(canVideoTransition('review', 'rejected', 'reviewer'), false, 'the automatic review never rejects');
  assert.equal(
    canVideoTransition('rejected', 'published', 'admin'),
    false,
    'a rejected video is published only through review again',
  );
  assert.equal(reviewTarget('approve'), 'published');
  assert.equal(reviewTarget('reject'), 'rejected');
});

test('removed is terminal; owners and admins remove from any live state', () => {
  for (const t of VIDEO_TRANSITIONS) assert.notEqual(t.from, 'removed');
  for (const from of ['draft', 'review', 'published', 'rejected']) {
    assert.ok(canVideoTransition(from, 'removed', 'owner'));
    assert.ok(canVideoTransition(from, 'removed', 'admin'));
  }
  assert.throws(() => assertVideoTransition('removed', 'published', 'admin'), { code: 'INVALID_TRANSITION' });
});

test('every state is reachable from draft', () => {
  const seen = new Set(['draft']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of VIDEO_TRANSITIONS) if (seen.has(t.from) && !seen.has(t.to)) seen.add(t.to), (grew = true);
  }
  assert.deepEqual([...seen].sort(), [...VIDEO_STATUSES].sort());
});

test('hashtags come from the caption in order, once each, in any script', () => {
  assert.deepEqual(parseHashtags('今天到货 #云南褚橙 #产地直发 好吃 #云南褚橙 #fresh_fruit!'), [
    '云南褚橙',
    '产地直发',
    'fresh_fruit',
  ]);
  assert.deepEqual(parseHashtags('没有标签 # 空的'), []);
  assert.equal(parseHashtags(Array.from({ length: 20 }, (_, i) => `#t${i}`).join(' ')).length, 10);
});

test('titles, captions, comments and anchors are length-checked by characters', () => {
  assert.equal(checkTitle('  新鲜现摘  '), '新鲜现摘');
  assert.equal(checkTitle('橙'.repeat(55)).length, 55);
  assert.throws(() => checkTitle('橙'.repeat(56)), { code: 'INVALID_INPUT' });
  assert.throws(() => checkTitle('   '), { code: 'INVALID_INPUT' });
  assert.throws(() => checkCaption('字'.repeat(301)), { code: 'INVALID_INPUT' });
  assert.equal(checkCaption(''), '');
  assert.throws(() => checkCommentText(''), { code: 'INVALID_INPUT' });
  assert.throws(() => checkCommentText('x'.repeat(100 * 1024)), { code: 'INVALID_INPUT' });
  assert.equal(checkCommentText('😀'.repeat(500)).length, 1000, 'emoji count as one character each');
  assert.throws(() => checkAnchorIds(['a', 'b', 'c', 'd']), { code: 'INVALID_INPUT' });
  assert.throws(() => checkAnchorIds(['a', 'a']), { code: 'INVALID_INPUT' });
});
