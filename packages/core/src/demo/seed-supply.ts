/**
 * Demo supply (供应链 / 溯源) for the fresh shops, loaded through the supply services: suppliers,
 * production bases with photos, and a received batch per SKU with quality checks, so product
 * pages show real origin cards. Tea and grain keep for months: their batches are loaded before
 * the order history, which then ships from them (order lines carry their batch). Fruit and
 * seafood are loaded at the end with this week's harvest, and the demo shopper gets a fruit
 * order shipped from it; their older demo orders shipped before batches existed and have none.
 */
import type { Actor, CoreContext } from '../context.js';
import type { ManualClock } from '../platform/index.js';
import { checkout } from '../checkout/index.js';
import { openCashier, type SandboxGateway } from '../payments/index.js';
import { waybillNumber, shipOrder } from '../logistics/index.js';
import {
  createBase,
  createBatch,
  uploadSupplyPhoto,
  addQcRecord,
  receiveBatch,
  createSupplier,
} from '../supply/index.js';
import { gradientPng } from './png.js';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

interface SupplierPlan {
  name: string;
  contact: string;
  region: string;
  base: {
    name: string;
    kind: 'farm' | 'orchard' | 'ranch' | 'fishery' | 'factory';
    province: string;
    city: string;
    description: string;
    color: string;
  };
}

interface ShopPlan {
  code: string;
  shelfLifeDays: number;
  inspectors: string[];
  suppliers: SupplierPlan[];
}

export const DEMO_SUPPLY: Record<string, ShopPlan> = {
  dianguo: {
    code: 'DG',
    shelfLifeDays: 20,
    inspectors: ['杨秀兰', '段建国'],
    suppliers: [
      {
        name: '宾川县柑橘种植合作社',
        contact: '李永福',
        region: '云南·大理',
        base: {
          name: '宾川柑橘园',
          kind: 'orchard',
          province: '云南',
          city: '大理',
          description: '洱海东岸干热河谷，海拔 1400 米，日照足、昼夜温差大',
          color: '#f29b38',
        },
      },
      {
        name: '华宁县果农联合社',
        contact: '普家明',
        region: '云南·玉溪',
        base: {
          name: '华宁柑橘基地',
          kind: 'orchard',
          province: '云南',
          city: '玉溪',
          description: '抚仙湖南岸的缓坡果园，生草栽培，人工采摘',
          color: '#e8b04a',
        },
      },
      {
        name: '元谋绿丰果蔬合作社',
        contact: '张翠萍',
        region: '云南·楚雄',
        base: {
          name: '元谋热区果园',
          kind: 'orchard',
          province: '云南',
          city: '楚雄',
          description: '金沙江畔热区，早熟水果产地',
          color: '#d9653b',
        },
      },
    ],
  },
  chashan: {
    code: 'CS',
    shelfLifeDays: 720,
    inspectors: ['岩温', '刀玉香'],
    suppliers: [
      {
        name: '景迈山茶农专业合作社',
        contact: '岩罕',
        region: '云南·普洱',
        base: {
          name: '景迈山古茶园',
          kind: 'farm',
          province: '云南',
          city: '普洱',
          description: '林下古茶园，树龄百年以上，春茶手工采摘',
          color: '#5f8f4e',
        },
      },
      {
        name: '勐海布朗山初制所',
        contact: '玉应',
        region: '云南·西双版纳',
        base: {
          name: '布朗山初制茶厂',
          kind: 'factory',
          province: '云南',
          city: '西双版纳',
          description: '杀青、揉捻、日晒，按批次留样',
          color: '#7a6a3c',
        },
      },
    ],
  },
  haixian: {
    code: 'HX',
    shelfLifeDays: 180,
    inspectors: ['王海波', '陈秀娟'],
    suppliers: [
      {
        name: '沈家门渔业合作社',
        contact: '周大海',
        region: '浙江·舟山',
        base: {
          name: '东海捕捞船队',
          kind: 'fishery',
          province: '浙江',
          city: '舟山',
          description: '船上速冻，靠港当日分拣',
          color: '#2f79b5',
        },
      },
      {
        name: '嵊泗贻贝养殖场',
        contact: '徐志远',
        region: '浙江·舟山',
        base: {
          name: '嵊泗贻贝养殖海区',
          kind: 'fishery',
          province: '浙江',
          city: '舟山',
          description: '外海筏式养殖，水质每周检测',
          color: '#3fa3a8',
        },
      },
    ],
  },
  liangcang: {
    code: 'LC',
    shelfLifeDays: 365,
    inspectors: ['刘德胜', '孙桂芝'],
    suppliers: [
      {
        name: '五常稻花香水稻合作社',
        contact: '王振山',
        region: '黑龙江·五常',
        base: {
          name: '五常稻田',
          kind: 'farm',
          province: '黑龙江',
          city: '哈尔滨',
          description: '拉林河流域黑土地，一年一季，秋收后低温仓储',
          color: '#c9a64a',
        },
      },
      {
        name: '北大荒粮油加工厂',
        contact: '赵立新',
        region: '黑龙江·佳木斯',
        base: {
          name: '佳木斯油脂加工厂',
          kind: 'factory',
          province: '黑龙江',
          city: '佳木斯',
          description: '物理压榨，每批次出厂检验',
          color: '#b8862f',
        },
      },
    ],
  },
};

/** Loaded before the order history (they keep for months) and at the end (this week's harvest). */
export const LONG_KEEPING_SHOPS = ['chashan', 'liangcang'] as const;
export const FRESH_SHOPS = ['dianguo', 'haixian'] as const;

export interface DemoSupplyInput {
  ctx: CoreContext;
  clock: ManualClock;
  people: Map<string, Actor>;
  shopIds: Map<string, string>;
  progress: (stage: string, done: number, total: number) => void;
}

const shanghaiDate = (ms: number): string => new Date(ms + 8 * HOUR).toISOString().slice(0, 10).replace(/-/g, '');

export async function seedDemoSupply(input: DemoSupplyInput, shopKeys: readonly string[]): Promise<void> {
  const { ctx, clock, people, shopIds, progress } = input;
  for (const key of shopKeys) {
    const plan = DEMO_SUPPLY[key];
    const shopId = shopIds.get(key);
    if (!plan || !shopId) continue;
    const owner = [...people.values()].find((p) => p.shops.get(shopId) === 'owner')!;
    const sources: Array<{ supplierId: string; baseId: string }> = [];
    for (const s of plan.suppliers) {
      const supplier = await createSupplier(ctx, owner, shopId, {
        name: s.name,
        contactName: s.contact,
        phone: '13800000000',
        region: s.region,
      });
      const photo = await uploadSupplyPhoto(ctx, owner, shopId, gradientPng(s.base.color));
      const base = await createBase(ctx, owner, shopId, { ...s.base, supplierId: supplier.id, photoId: photo.id });
      sources.push({ supplierId: supplier.id, baseId: base.id });
    }
    const skus = await ctx.db
      .selectFrom('skus')
      .innerJoin('products', 'products.id', 'skus.product_id')
      .select(['skus.id', 'skus.product_id'])
      .where('skus.shop_id', '=', shopId)
      .where('products.status', '=', 'listed')
      .where('skus.stock', '>', 0)
      .orderBy('skus.product_id')
      .orderBy('skus.id')
      .execute();
    const productIndex = new Map<string, number>();
    let seq = 0;
    for (const [n, sku] of skus.entries()) {
      if (!productIndex.has(sku.product_id)) productIndex.set(sku.product_id, productIndex.size);
      const i = productIndex.get(sku.product_id)!;
      const source = sources[i % sources.length]!;
      const harvestedAt = clock.now() - (1 + ((i + n) % 4)) * DAY - ((n * 7) % 10) * HOUR;
      const code = `${plan.code}-${shanghaiDate(harvestedAt)}-${String(++seq).padStart(3, '0')}`;
      const batch = await createBatch(ctx, owner, shopId, {
        skuId: sku.id,
        ...source,
        code,
        harvestedAt,
        quantity: 20 + ((i * 7 + n * 13) % 40),
        shelfLifeDays: plan.shelfLifeDays,
      });
      const inspector = plan.inspectors[n % plan.inspectors.length]!;
      if (i === 3 && n % 2 === 0)
        await addQcRecord(ctx, owner, batch.id, {
          result: 'fail',
          inspector,
          notes: '抽检 20 件，2 件外观磕碰，整批返工分拣',
          checkedAt: harvestedAt + 4 * HOUR,
        });
      const photoIds =
        i < 6
          ? [
              (
                await uploadSupplyPhoto(
                  ctx,
                  owner,
                  shopId,
                  gradientPng(plan.suppliers[i % plan.suppliers.length]!.base.color, 120),
                )
              ).id,
            ]
          : [];
      await addQcRecord(ctx, owner, batch.id, {
        result: 'pass',
        inspector,
        notes: '外观、重量、包装抽检合格',
        checkedAt: harvestedAt + 8 * HOUR,
        photoIds,
      });
      // A few batches wait at the warehouse door, so the console shows the 入库 step.
      if (i % 17 !== 5) await receiveBatch(ctx, owner, batch.id);
      clock.advance(30_000);
      if ((n + 1) % 20 === 0 || n + 1 === skus.length) progress(`supply ${key}`, n + 1, skus.length);
    }
  }
}

/** A fruit order of the demo shopper shipped from this week's batches, so an order page shows its origin. */
export async function shipDemoFreshOrder(
  input: DemoSupplyInput & { gateway: SandboxGateway; deliver: () => Promise<void> },
): Promise<void> {
  const { ctx, people, shopIds, gateway, deliver, clock } = input;
  const shopper = people.get('demo-shopper');
  const shopId = shopIds.get('dianguo');
  if (!shopper || !shopId) return;
  const merchant = [...people.values()].find((p) => p.shops.has(shopId))!;
  const batched = await ctx.db
    .selectFrom('supply_batches')
    .select('sku_id')
    .where('shop_id', '=', shopId)
    .where('status', '=', 'received')
    .where('remaining', '>', 2)
    .orderBy('id')
    .limit(2)
    .execute();
  if (batched.length === 0) return;
  const placed = await checkout(ctx, shopper, {
    items: batched.map((b) => ({ skuId: b.sku_id, quantity: 1, attribution: { source: 'shelf' as const } })),
  });
  const { cashierUrl } = await openCashier(ctx, shopper, placed.body.payment.id);
  await gateway.complete(cashierUrl.split('/').pop()!, 'paid');
  await deliver();
  clock.advance(2 * HOUR);
  for (const o of placed.body.orders)
    await shipOrder(ctx, merchant, o.id, [
      { carrier: '顺丰速运', trackingNo: waybillNumber('顺丰速运', 1_500_000_000 + (clock.now() % 1_000_000)) },
    ]);
}
