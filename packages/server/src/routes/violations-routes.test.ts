import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

const DAY = 86_400_000;

test('violations over HTTP: the merchant board, appeals with stable codes (window 422, third 409, someone else’s 404), admin decisions and the catalogue', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-vio-shop');
    const other = await makeShop(s.core, 'http-vio-other');
    const adminP = await makePerson(s.core, 'http-vio-admin', ['admin'], false);
    const admin = await s.tokenFor(adminP.userId);
    const merchant = await s.tokenFor(shop.owner.userId);
    const otherMerchant = await s.tokenFor(other.owner.userId);
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;

    const rules = await s.call('GET', '/api/v1/admin/violations/rules', { token: admin });
    assert.equal(rules.statusCode, 200);
    assert.equal(rules.json().items.find((r: { code: string }) => r.code === 'late_shipment').milliPoints, 100);
    assert.equal(err(await s.call('GET', '/api/v1/admin/violations/rules', { token: merchant })), '403 FORBIDDEN');
    assert.equal(
      err(
        await s.call('PATCH', '/api/v1/admin/violations/rules/late_shipment', {
          token: admin,
          body: { milliPoints: -1 },
        }),
      ),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await s.call('PATCH', '/api/v1/admin/violations/rules/nope', { token: admin, body: { milliPoints: 1 } })),
      '400 VALIDATION_FAILED',
    );
    const patched = await s.call('PATCH', '/api/v1/admin/violations/rules/report_confirmed', {
      token: admin,
      body: { milliPoints: 12_000 },
    });
    assert.deepEqual([patched.statusCode, patched.json().milliPoints], [200, 12_000]);

    const bad = [
      { subjectKind: 'shop', subjectId: shop.shopId, rule: 'report_confirmed', refId: 'r1' },
      { subjectKind: 'mall', subjectId: shop.shopId, rule: 'report_confirmed', refId: 'r1', note: 'x' },
      { subjectKind: 'shop', subjectId: shop.shopId, rule: 'spam', refId: 'r1', note: 'x' },
    ];
    for (const body of bad)
      assert.equal(
        err(await s.call('POST', '/api/v1/admin/violations', { token: admin, body })),
        '400 VALIDATION_FAILED',
        JSON.stringify(body),
      );
    assert.equal(
      err(
        await s.call('POST', '/api/v1/admin/violations', {
          token: admin,
          body: {
            subjectKind: 'shop',
            subjectId: 'shp_00000000000000000000000000',
            rule: 'report_confirmed',
            refId: 'r1',
            note: '举报属实',
          },
        }),
      ),
      '404 NOT_FOUND',
    );
    const recorded = await s.call('POST', '/api/v1/admin/violations', {
      token: admin,
      body: { subjectKind: 'shop', subjectId: shop.shopId, rule: 'report_confirmed', refId: 'rep-1', note: '举报属实' },
    });
    assert.equal(recorded.statusCode, 201);
    const vid = recorded.json().id as string;

    const board = await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/violation-board`, { token: merchant });
    assert.equal(board.statusCode, 200);
    assert.equal(board.json().ledgers[0].milliPoints, 12_000);
    assert.deepEqual(
      board
        .json()
        .penalties.map((p: { kind: string }) => p.kind)
        .sort(),
      ['caution', 'traffic_throttle', 'warning'],
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/violation-board`, { token: otherMerchant })),
      '404 NOT_FOUND',
    );

    assert.equal(
      err(
        await s.call('POST', `/api/v1/violations/${vid}/appeals`, { token: otherMerchant, body: { text: '不是我们' } }),
      ),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(await s.call('POST', `/api/v1/violations/${vid}/appeals`, { token: merchant, body: { text: '' } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(
        await s.call('POST', `/api/v1/violations/${vid}/appeals`, { token: merchant, body: { text: 'x', extra: 1 } }),
      ),
      '400 VALIDATION_FAILED',
    );
    const first = await s.call('POST', `/api/v1/violations/${vid}/appeals`, {
      token: merchant,
      body: { text: '举报人是竞争对手' },
    });
    assert.equal(first.statusCode, 201);
    const queue = await s.call('GET', '/api/v1/admin/violations/appeals', { token: admin });
    const appealId = queue.json().items[0].id as string;
    assert.equal(
      err(
        await s.call('POST', `/api/v1/admin/violations/appeals/${appealId}/decision`, {
          token: admin,
          body: { grant: true, reason: '' },
        }),
      ),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      (
        await s.call('POST', `/api/v1/admin/violations/appeals/${appealId}/decision`, {
          token: admin,
          body: { grant: false, reason: '证据不足' },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      err(
        await s.call('POST', `/api/v1/admin/violations/appeals/${appealId}/decision`, {
          token: admin,
          body: { grant: true, reason: '再议' },
        }),
      ),
      '409 APPEAL_DECIDED',
    );
    await s.call('POST', `/api/v1/violations/${vid}/appeals`, { token: merchant, body: { text: '补充证据' } });
    const second = (await s.call('GET', '/api/v1/admin/violations/appeals', { token: admin })).json().items[0]
      .id as string;
    await s.call('POST', `/api/v1/admin/violations/appeals/${second}/decision`, {
      token: admin,
      body: { grant: false, reason: '仍不足' },
    });
    assert.equal(
      err(await s.call('POST', `/api/v1/violations/${vid}/appeals`, { token: merchant, body: { text: '第三次' } })),
      '409 APPEAL_LIMIT_REACHED',
    );

    const late = await s.call('POST', '/api/v1/admin/violations', {
      token: admin,
      body: { subjectKind: 'shop', subjectId: shop.shopId, rule: 'late_shipment', refId: 'ord-x', note: '人工记录' },
    });
    s.core.clock.advance(31 * DAY);
    assert.equal(
      err(
        await s.call('POST', `/api/v1/violations/${late.json().id}/appeals`, {
          token: merchant,
          body: { text: '太晚' },
        }),
      ),
      '422 APPEAL_WINDOW_CLOSED',
    );
    const afterBoard = (
      await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/violation-board`, { token: merchant })
    ).json();
    assert.equal(
      afterBoard.items.find((v: { id: string }) => v.id === late.json().id).appeals.length,
      0,
      'nothing written',
    );

    const credit = await s.call('GET', '/api/v1/creator/credit', { token: merchant });
    assert.deepEqual([credit.statusCode, credit.json().score], [200, 12_000]);
  } finally {
    await s.close();
  }
});
