/** Fixtures of the live module's tests: a shop hosting a live room with its product in the bag and a flash sale on one SKU. */
import { loadActor } from '../../accounts/index.js';
import type { Actor } from '../../context.js';
import { makePerson, makeShop, type ShopFixture, type TestCore } from '../../test-support/index.js';
import { addToBag } from '../bag.js';
import { createFlashSale } from '../flash-sales.js';
import { createRoom, openRoom } from '../rooms.js';
import type { FlashSaleView } from '../sale-info.js';

export interface LiveFixture {
  shop: ShopFixture;
  host: Actor;
  roomId: string;
  sale: FlashSaleView;
}

export async function liveShopRoom(
  core: TestCore,
  name: string,
  sale: { quantity: number; perPersonLimit: number; stock?: number; startsInMs?: number },
): Promise<LiveFixture> {
  const shop = await makeShop(core, name, sale.stock ?? Math.max(100, sale.quantity * 2));
  const host = await loadActor(core.ctx.db, shop.owner.userId);
  const { id: roomId } = await createRoom(core.ctx, host, { title: `${name} 直播间`, shopId: shop.shopId });
  await openRoom(core.ctx, host, roomId);
  await addToBag(core.ctx, host, roomId, shop.productId);
  const now = core.clock.now();
  const view = await createFlashSale(core.ctx, host, roomId, {
    skuId: shop.skuIds[0]!,
    priceFen: 990,
    quantity: sale.quantity,
    perPersonLimit: sale.perPersonLimit,
    startsAt: now + (sale.startsInMs ?? 0),
    endsAt: now + 3600_000,
  });
  return { shop, host, roomId, sale: view };
}

export async function buyers(core: TestCore, prefix: string, n: number): Promise<Actor[]> {
  const out: Actor[] = [];
  for (let i = 0; i < n; i++) out.push(await makePerson(core, `${prefix}-${i}`));
  return out;
}
