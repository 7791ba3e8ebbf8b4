import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../platform/index.js';
import { makePerson, openTestCore } from '../test-support/index.js';
import {
  addHomophone,
  addTerm,
  currentMatcher,
  listHomophones,
  listTerms,
  removeHomophone,
  updateTerm,
} from './book-store.js';
import { checkContent, enforceContent } from './content-check.js';
import { defaultTerms } from './default-book.js';

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DomainError ? `${e.status} ${e.code}` : String(e)),
  );

test('rule book storage: the default book loads on first use; admins add, edit and disable terms and extend the homophone table; each change bumps the version and the matcher follows', async () => {
  const core = await openTestCore();
  try {
    const ctx = core.ctx;
    const admin = await makePerson(core, 'gov-admin', ['admin'], false);
    const merchant = await makePerson(core, 'gov-someone');

    const first = await listTerms(ctx, admin, { limit: 200 });
    assert.equal(first.version, 1);
    const all = [...first.items];
    for (let page = first; page.nextCursor; ) {
      page = await listTerms(ctx, admin, { limit: 200, after: page.nextCursor });
      all.push(...page.items);
    }
    assert.equal(all.length, defaultTerms().length, 'every default term is stored');
    assert.ok(all.every((t) => t.createdBy === null && t.enabled && t.ruleText.zh.length > 0));
    assert.equal(
      (await listTerms(ctx, admin, { class: 'bait', limit: 200 })).items.every((t) => t.class === 'bait'),
      true,
    );

    assert.equal(await code(listTerms(ctx, merchant, {})), '403 FORBIDDEN');
    assert.equal(
      await code(
        addTerm(ctx, merchant, { text: '神药', class: 'medical', severity: 'reject', rule: 'AD_LAW_17_MEDICAL' }),
      ),
      '403 FORBIDDEN',
    );

    // Not yet a term: passes.
    assert.equal((await checkContent(ctx, [{ field: 'title', text: '祖传神药一盒' }])).verdict, 'pass');
    const added = await addTerm(ctx, admin, {
      text: '神药',
      class: 'medical',
      severity: 'reject',
      rule: 'AD_LAW_17_MEDICAL',
    });
    assert.equal(added.createdBy, admin.userId);
    const after = await checkContent(ctx, [{ field: 'title', text: '祖传神 药一盒' }]);
    assert.equal(after.verdict, 'reject');
    assert.equal(after.bookVersion, 2);
    assert.deepEqual(
      after.hits.map((h) => [h.field, h.term, h.start, h.end, h.matched]),
      [['title', '神药', 2, 5, '神 药']],
    );

    // Same folded form in another spelling, one character, unknown rule: refused, nothing written.
    assert.equal(
      await code(
        addTerm(ctx, admin, { text: '神 藥', class: 'medical', severity: 'reject', rule: 'AD_LAW_17_MEDICAL' }),
      ),
      '409 TERM_EXISTS',
    );
    assert.equal(
      await code(
        addTerm(ctx, admin, { text: '最！', class: 'absolute', severity: 'reject', rule: 'AD_LAW_9_ABSOLUTE' }),
      ),
      '400 TERM_TOO_SHORT',
    );
    assert.equal(
      await code(
        addTerm(ctx, admin, { text: '好词', class: 'absolute', severity: 'reject', rule: 'NO_SUCH_RULE' as never }),
      ),
      '400 VALIDATION_FAILED',
    );
    assert.equal((await listTerms(ctx, admin, {})).version, 2, 'refused changes bump nothing');

    // Severity down to warn: the save would pass with a warning; disabled: not matched at all.
    await updateTerm(ctx, admin, added.id, { severity: 'warn' });
    assert.equal((await checkContent(ctx, [{ field: 'title', text: '神药' }])).verdict, 'warn');
    await updateTerm(ctx, admin, added.id, { enabled: false });
    assert.equal((await checkContent(ctx, [{ field: 'title', text: '神药' }])).verdict, 'pass');
    assert.equal(
      await code(updateTerm(ctx, admin, 'gvt_00000000000000000000000000', { enabled: false })),
      '404 NOT_FOUND',
    );
    const dflt = all.find((t) => t.text === '国家级')!;
    assert.equal(await code(updateTerm(ctx, admin, added.id, { text: '国 家 级' })), '409 TERM_EXISTS');
    assert.equal(dflt.severity, 'reject');

    // Homophones: 卫心 is not yet 微信; once added, 加卫心 is caught; removed, it passes again.
    assert.equal((await checkContent(ctx, [{ field: 'caption', text: '加卫心领券' }])).verdict, 'pass');
    const h = await addHomophone(ctx, admin, { canonical: '微信', variant: '卫心' });
    assert.equal(await code(addHomophone(ctx, admin, { canonical: '微信', variant: '卫心' })), '409 HOMOPHONE_EXISTS');
    assert.equal(await code(addHomophone(ctx, admin, { canonical: '微信', variant: 'v' })), '400 HOMOPHONE_INVALID');
    assert.equal((await checkContent(ctx, [{ field: 'caption', text: '加卫心领券' }])).verdict, 'reject');
    assert.ok((await listHomophones(ctx, admin)).items.some((x) => x.id === h.id));
    await removeHomophone(ctx, admin, h.id);
    assert.equal(await code(removeHomophone(ctx, admin, h.id)), '404 NOT_FOUND');
    assert.equal((await checkContent(ctx, [{ field: 'caption', text: '加卫心领券' }])).verdict, 'pass');

    // The gate: reject throws 422 with every hit; warnings come back.
    const rejected = await enforceContent(ctx, [{ field: 'title', text: '全网销量第一 首选好茶' }]).catch(
      (e: unknown) => e,
    );
    assert.ok(rejected instanceof DomainError);
    assert.equal(rejected.status, 422);
    assert.equal(rejected.code, 'CONTENT_REJECTED');
    const hits = rejected.details.hits as { term: string; field: string; start: number; end: number; rule: string }[];
    assert.ok(
      hits.some(
        (x) =>
          x.term === '全网销量第一' &&
          x.field === 'title' &&
          x.start === 0 &&
          x.end === 6 &&
          x.rule === 'AD_LAW_9_ABSOLUTE',
      ),
    );
    const warnings = await enforceContent(ctx, [{ field: 'title', text: '首选好茶' }]);
    assert.deepEqual(
      warnings.map((w) => [w.term, w.severity]),
      [['首选', 'warn']],
    );

    // Two admins add the same term at the same moment: one is stored, the other hears 409.
    const racing = await Promise.all(
      [0, 1, 2].map(() =>
        code(
          addTerm(ctx, admin, { text: '灵丹妙药', class: 'medical', severity: 'reject', rule: 'AD_LAW_17_MEDICAL' }),
        ),
      ),
    );
    assert.deepEqual(racing.sort(), ['409 TERM_EXISTS', '409 TERM_EXISTS', 'ok']);

    const version = (await currentMatcher(ctx)).version;
    assert.equal((await listTerms(ctx, admin, {})).version, version);
  } finally {
    await core.dispose();
  }
});
