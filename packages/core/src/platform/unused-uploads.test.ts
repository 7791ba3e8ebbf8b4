import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { gradientPng } from '../demo/index.js';
import { KEEP_UNUSED_UPLOADS_MS, mediaDir } from '../catalog/index.js';
import { purgeUnusedEvidence, uploadEvidence } from '../aftersales/index.js';
import { purgeUnattachedPhotos, uploadSupplyPhoto, createBase } from '../supply/index.js';

const fileOf = (dataDir: string, url: string): string => join(mediaDir(dataDir), url.slice(url.lastIndexOf('/') + 1));

test('uploads never used within a day are deleted with their files; used ones stay', async () => {
  const core = await openTestCore();
  try {
    const { ctx } = core;
    const buyer = await makePerson(core, 'purge-buyer');
    const shop = await makeShop(core, 'purge-shop', 1);
    const evidence = await uploadEvidence(ctx, buyer, gradientPng('#aa3311', 16));
    const unusedPhoto = await uploadSupplyPhoto(ctx, shop.owner, shop.shopId, gradientPng('#33aa11', 16));
    const usedPhoto = await uploadSupplyPhoto(ctx, shop.owner, shop.shopId, gradientPng('#1133aa', 16));
    await createBase(ctx, shop.owner, shop.shopId, {
      name: '东山果园',
      kind: 'orchard',
      province: '江苏',
      city: '苏州',
      photoId: usedPhoto.id,
    });
    for (const u of [evidence, unusedPhoto, usedPhoto]) assert.ok(existsSync(fileOf(ctx.dataDir, u.url)));

    core.clock.advance(KEEP_UNUSED_UPLOADS_MS - 1);
    assert.equal(await purgeUnusedEvidence(ctx, core.clock.now()), 0, 'a day to use them');
    assert.equal(await purgeUnattachedPhotos(ctx, core.clock.now()), 0);

    core.clock.advance(2);
    assert.equal(await purgeUnusedEvidence(ctx, core.clock.now()), 1);
    assert.equal(await purgeUnattachedPhotos(ctx, core.clock.now()), 1);
    assert.equal(existsSync(fileOf(ctx.dataDir, evidence.url)), false);
    assert.equal(existsSync(fileOf(ctx.dataDir, unusedPhoto.url)), false);
    assert.equal(existsSync(fileOf(ctx.dataDir, usedPhoto.url)), true, 'the base keeps its photo');
    assert.deepEqual(
      (await ctx.db.selectFrom('supply_photos').select('id').execute()).map((r) => r.id),
      [usedPhoto.id],
    );
    assert.equal((await ctx.db.selectFrom('aftersales_evidence').select('id').execute()).length, 0);
  } finally {
    await core.dispose();
  }
});
