import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

test('governance over HTTP: admins edit the rule book (validation and stable codes), authors pre-check text and see hits with positions and rules', async () => {
  const s = await startTestServer();
  try {
    const admin = await s.tokenFor((await makePerson(s.core, 'http-gov-admin', ['admin'], false)).userId);
    const author = await s.tokenFor((await makePerson(s.core, 'http-gov-author', ['creator'], false)).userId);
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;

    const rules = await s.call('GET', '/api/v1/admin/governance/rules', { token: admin });
    assert.equal(rules.statusCode, 200);
    assert.ok(
      rules
        .json()
        .rules.some((r: { code: string; zh: string; en: string }) => r.code === 'PLATFORM_DIVERSION' && r.zh && r.en),
    );
    assert.equal(err(await s.call('GET', '/api/v1/admin/governance/terms', { token: author })), '403 FORBIDDEN');
    assert.equal(err(await s.call('GET', '/api/v1/admin/governance/terms')), '401 UNAUTHENTICATED');

    const listed = await s.call('GET', '/api/v1/admin/governance/terms?class=diversion&limit=5', { token: admin });
    assert.equal(listed.statusCode, 200);
    assert.equal(listed.json().items.length, 5);
    assert.ok(listed.json().nextCursor);

    const bad = [
      { text: '', class: 'medical', severity: 'reject', rule: 'AD_LAW_17_MEDICAL' },
      { text: '神药', class: 'magic', severity: 'reject', rule: 'AD_LAW_17_MEDICAL' },
      { text: '神药', class: 'medical', severity: 'ban', rule: 'AD_LAW_17_MEDICAL' },
      { text: '神药', class: 'medical', severity: 'reject', rule: 'AD_LAW_17_MEDICAL', extra: 1 },
      { text: 7, class: 'medical', severity: 'reject', rule: 'AD_LAW_17_MEDICAL' },
    ];
    for (const body of bad)
      assert.equal(
        err(await s.call('POST', '/api/v1/admin/governance/terms', { token: admin, body })),
        '400 VALIDATION_FAILED',
        JSON.stringify(body),
      );
    assert.equal(
      err(
        await s.call('POST', '/api/v1/admin/governance/terms', {
          token: admin,
          body: { text: '🔥最🔥', class: 'absolute', severity: 'reject', rule: 'AD_LAW_9_ABSOLUTE' },
        }),
      ),
      '400 TERM_TOO_SHORT',
    );
    assert.equal(
      err(
        await s.call('POST', '/api/v1/admin/governance/terms', {
          token: author,
          body: { text: '神药', class: 'medical', severity: 'reject', rule: 'AD_LAW_17_MEDICAL' },
        }),
      ),
      '403 FORBIDDEN',
    );

    const created = await s.call('POST', '/api/v1/admin/governance/terms', {
      token: admin,
      body: { text: '神药', class: 'medical', severity: 'review', rule: 'AD_LAW_17_MEDICAL' },
    });
    assert.equal(created.statusCode, 201);
    const id = created.json().id as string;
    assert.equal(
      err(
        await s.call('POST', '/api/v1/admin/governance/terms', {
          token: admin,
          body: { text: '神 藥', class: 'medical', severity: 'review', rule: 'AD_LAW_17_MEDICAL' },
        }),
      ),
      '409 TERM_EXISTS',
    );
    const unchanged = await s.call('PATCH', `/api/v1/admin/governance/terms/${id}`, { token: admin, body: {} });
    assert.deepEqual([unchanged.statusCode, unchanged.json().severity], [200, 'review']);
    assert.equal(
      err(await s.call('PATCH', `/api/v1/admin/governance/terms/${id}`, { token: admin, body: { severity: 'ban' } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(
        await s.call('PATCH', '/api/v1/admin/governance/terms/gvt_00000000000000000000000000', {
          token: admin,
          body: { enabled: false },
        }),
      ),
      '404 NOT_FOUND',
    );
    const patched = await s.call('PATCH', `/api/v1/admin/governance/terms/${id}`, {
      token: admin,
      body: { severity: 'reject' },
    });
    assert.equal(patched.json().severity, 'reject');

    const check = await s.call('POST', '/api/v1/governance/check', {
      token: author,
      body: {
        fields: [
          { field: 'title', text: '祖传神药' },
          { field: 'caption', text: '好吃不贵，欢迎来买' },
          { field: 'description', text: '加 V 信 tea_lover88 有惊喜' },
        ],
      },
    });
    assert.equal(check.statusCode, 200);
    const body = check.json();
    assert.equal(body.verdict, 'reject');
    const byField = (f: string) => body.hits.filter((h: { field: string }) => h.field === f);
    assert.deepEqual(
      byField('title').map((h: { term: string; start: number; end: number; rule: string }) => [
        h.term,
        h.start,
        h.end,
        h.rule,
      ]),
      [['神药', 2, 4, 'AD_LAW_17_MEDICAL']],
    );
    assert.equal(byField('caption').length, 0);
    assert.ok(byField('description').some((h: { class: string }) => h.class === 'diversion'));
    assert.equal(
      err(await s.call('POST', '/api/v1/governance/check', { token: author, body: { fields: [] } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await s.call('POST', '/api/v1/governance/check', { body: { fields: [{ field: 'title', text: 'x' }] } })),
      '401 UNAUTHENTICATED',
    );

    const homophone = await s.call('POST', '/api/v1/admin/governance/homophones', {
      token: admin,
      body: { canonical: '微信', variant: '卫心' },
    });
    assert.equal(homophone.statusCode, 201);
    assert.equal(
      err(
        await s.call('POST', '/api/v1/admin/governance/homophones', {
          token: admin,
          body: { canonical: '微信', variant: '卫心' },
        }),
      ),
      '409 HOMOPHONE_EXISTS',
    );
    assert.equal(
      (await s.call('DELETE', `/api/v1/admin/governance/homophones/${homophone.json().id}`, { token: admin }))
        .statusCode,
      204,
    );
    assert.equal(
      err(await s.call('DELETE', `/api/v1/admin/governance/homophones/${homophone.json().id}`, { token: admin })),
      '404 NOT_FOUND',
    );
  } finally {
    await s.close();
  }
});
