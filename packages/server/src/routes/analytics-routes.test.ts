import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout, consumeRollups, openCashier, receiveNotification, shanghaiDate, ingestEvents } from '@zhongcao/core';
import { makePerson, makeShop, type TestCore } from '@zhongcao/core/test-support';
import type { Actor } from '@zhongcao/core';
import ExcelJS from 'exceljs';
import { startTestServer } from '../test-support/server-harness.js';

const DAY = 86_400_000;

async function buy(core: TestCore, buyer: Actor, skuId: string, quantity: number): Promise<void> {
  const c = (await checkout(core.ctx, buyer, { items: [{ skuId, quantity, attribution: { source: 'search' } }] })).body;
  const txn = (await openCashier(core.ctx, buyer, c.payment.id)).cashierUrl.split('/').pop()!;
  await core.sandbox.complete(txn, 'paid');
  await core.sandbox.deliverDue(1000, async (_u, body, headers) => {
    await receiveNotification(core.ctx, 'sandbox', headers, body);
    return 200;
  });
}

test('compass over HTTP: scoped figures, the trend and the previous period, a breakdown and its CSV; ranges, dimensions and other shops refused', async () => {
  const s = await startTestServer();
  try {
    const core = s.core as TestCore;
    const shop = await makeShop(core, 'cmp-shop');
    const other = await makeShop(core, 'cmp-other');
    const buyer = await makePerson(core, 'cmp-buyer');
    const admin = await s.tokenFor((await makePerson(core, 'cmp-admin', ['admin'], false)).userId);
    const creator = await s.tokenFor((await makePerson(core, 'cmp-creator', ['creator'], false)).userId);
    const merchant = await s.tokenFor(shop.owner.userId);
    await buy(core, buyer, shop.skuIds[0]!, 2); // 2 × ¥29.90
    await buy(core, buyer, other.skuIds[1]!, 1);
    await ingestEvents(core.ctx, { viewerId: 'v1' }, [
      { type: 'product_tap', productId: shop.productId, at: core.clock.now(), clientEventId: 'e1' },
    ]);
    core.clock.advance(5_000);
    await consumeRollups(core.ctx);
    const today = shanghaiDate(core.clock.now());
    const q = (extra = '') => `from=${today}&to=${today}${extra}`;
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;

    const mine = await s.call('GET', `/api/v1/analytics/overview?shopId=${shop.shopId}&${q()}`, { token: merchant });
    assert.equal(mine.statusCode, 200);
    const o = mine.json();
    assert.deepEqual(
      [o.values.gmv, o.values.orders, o.values.buyers, o.values.items, o.values.clicks],
      [5980, 1, 1, 2, 1],
    );
    assert.equal(o.previousValues.gmv, 0);
    assert.deepEqual([o.values.new_buyers, o.values.returning_buyers], [1, 0], 'the buyer’s first order in this shop');
    assert.equal(o.trend.length, 24, 'one day: by hour');
    assert.equal(
      o.trend.reduce((a: number, p: { values: { gmv: number } }) => a + p.values.gmv, 0),
      5980,
    );

    const platform = (await s.call('GET', `/api/v1/analytics/overview?scope=platform&${q()}`, { token: admin })).json();
    assert.equal(platform.values.gmv, 5980 + 4990);
    assert.deepEqual(platform.active, { shops: 2, creators: 0 });
    assert.equal(o.active, null);
    assert.equal(
      err(await s.call('GET', `/api/v1/analytics/overview?scope=platform&${q()}`, { token: merchant })),
      '403 FORBIDDEN',
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/analytics/overview?shopId=${other.shopId}&${q()}`, { token: merchant })),
      '404 NOT_FOUND',
    );
    assert.equal(
      (await s.call('GET', `/api/v1/analytics/overview?scope=creator&${q()}`, { token: creator })).json().values.gmv,
      0,
    );

    const channels = (
      await s.call('GET', `/api/v1/analytics/breakdown/channel?shopId=${shop.shopId}&${q()}`, { token: merchant })
    ).json();
    assert.deepEqual(
      channels.rows.map((r: { id: string; values: { gmv: number } }) => [r.id, r.values.gmv]),
      [
        ['search', 5980],
        ['product_card', 0],
      ],
    );
    const products = (
      await s.call('GET', `/api/v1/analytics/breakdown/product?shopId=${shop.shopId}&${q()}`, { token: merchant })
    ).json();
    assert.equal(products.rows[0].name, '云南冰糖橙 新鲜现摘');
    assert.equal(products.rows[0].values.click_to_pay, 1);

    const csv = await s.call('GET', `/api/v1/analytics/breakdown/product?shopId=${shop.shopId}&${q('&format=csv')}`, {
      token: merchant,
    });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^编号,名称,成交金额\(元\)/);
    assert.match(lines[1]!, /,59\.80,/);

    const xlsx = await s.call('GET', `/api/v1/analytics/breakdown/product?shopId=${shop.shopId}&${q('&format=xlsx')}`, {
      token: merchant,
    });
    assert.equal(xlsx.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    assert.deepEqual(
      [sheet.getRow(1).getCell(3).value, sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(3).value],
      ['成交金额(元)', shop.productId, 59.8],
    );

    const focus = await s.call(
      'GET',
      `/api/v1/analytics/overview?shopId=${shop.shopId}&${q(`&dim=product&id=${shop.productId}`)}`,
      { token: merchant },
    );
    assert.equal(focus.json().values.gmv, 5980);
    assert.equal(
      err(
        await s.call(
          'GET',
          `/api/v1/analytics/overview?shopId=${shop.shopId}&${q(`&dim=product&id=${other.productId}`)}`,
          { token: merchant },
        ),
      ),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/analytics/breakdown/weather?shopId=${shop.shopId}&${q()}`, { token: merchant })),
      '400 UNKNOWN_DIMENSION',
    );
    const yesterday = shanghaiDate(core.clock.now() - DAY);
    assert.equal(
      err(
        await s.call('GET', `/api/v1/analytics/overview?shopId=${shop.shopId}&from=${today}&to=${yesterday}`, {
          token: merchant,
        }),
      ),
      '400 DATE_RANGE_REVERSED',
    );
    const long = await s.call(
      'GET',
      `/api/v1/analytics/overview?shopId=${shop.shopId}&from=${shanghaiDate(core.clock.now() - 120 * DAY)}&to=${today}`,
      { token: merchant },
    );
    assert.equal(err(long), '400 DATE_RANGE_TOO_LONG');
    assert.match(long.json().error.message, /at most 90 days/);
    assert.equal(
      err(
        await s.call('GET', `/api/v1/analytics/overview?shopId=${shop.shopId}&from=2026-02-30&to=${today}`, {
          token: merchant,
        }),
      ),
      '400 INVALID_DATE',
    );

    // 推广: the scope's paid traffic, scoped like the rest (no campaign yet: zeros).
    const ads = await s.call('GET', `/api/v1/analytics/ads?shopId=${shop.shopId}&${q()}`, { token: merchant });
    assert.equal(ads.statusCode, 200);
    assert.deepEqual([ads.json().total.impressions, ads.json().hours, ads.json().campaigns], [0, [], []]);
    assert.equal(
      (await s.call('GET', `/api/v1/analytics/ads?scope=creator&${q()}`, { token: creator })).statusCode,
      200,
    );
    assert.equal(
      (await s.call('GET', `/api/v1/analytics/ads?scope=platform&${q()}`, { token: admin })).statusCode,
      200,
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/analytics/ads?shopId=${other.shopId}&${q()}`, { token: merchant })),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/analytics/ads?scope=platform&${q()}`, { token: merchant })),
      '403 FORBIDDEN',
    );
    assert.equal(
      err(
        await s.call('GET', `/api/v1/analytics/ads?shopId=${shop.shopId}&from=2026-02-30&to=${today}`, {
          token: merchant,
        }),
      ),
      '400 INVALID_DATE',
    );
  } finally {
    await s.close();
  }
});
