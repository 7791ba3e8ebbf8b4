/**
 * Deterministic demo data set for Zhongcao (种草): categories, six shops with
 * ~50 listings each, and the demo people. Pure data — no I/O, no clock, no
 * Math.random; all variation comes from a seeded mulberry32 PRNG.
 */
import type { DemoCatalog, DemoCategory, DemoPerson, DemoProduct, DemoShop, DemoSku } from './catalog-types.js';
import { CATEGORY_TPLS, SHOP_TPLS, type ItemTpl, type ShopTpl, type SpecTpl } from './catalog-words.js';
import { mulberry32 } from '../platform/index.js';

/** Listings generated per shop (6 × 53 = 318 products). */
const PRODUCTS_PER_SHOP = 53;

type Rng = () => number;

/** FNV-1a hash of a string, used to derive independent PRNG streams. */
function seedOf(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function at<T>(arr: readonly T[], i: number): T {
  const v = arr[i];
  if (v === undefined) throw new Error(`demo catalog: index ${i} out of range (${arr.length})`);
  return v;
}

const pick = <T>(rng: Rng, arr: readonly T[]): T => at(arr, Math.floor(rng() * arr.length));
const intIn = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** Round a raw fen amount to a "¥xx.90" shelf price (never below ¥0.90). */
function shelfPrice(rawFen: number): number {
  return Math.max(1, Math.round(rawFen / 100)) * 100 - 10;
}

/** All combinations of the options' values, first option varying slowest. */
function combinations(specs: readonly SpecTpl[]): Array<{ values: string[]; mult: number }> {
  let acc: Array<{ values: string[]; mult: number }> = [{ values: [], mult: 1 }];
  for (const spec of specs) {
    const next: typeof acc = [];
    for (const combo of acc) {
      for (const [label, mult] of spec.values) next.push({ values: [...combo.values, label], mult: combo.mult * mult });
    }
    acc = next;
  }
  return acc;
}

function stockFor(rng: Rng): number {
  const r = rng();
  if (r < 0.03) return 0;
  if (r < 0.1) return intIn(rng, 1, 49);
  if (r < 0.9) return intIn(rng, 50, 800);
  return intIn(rng, 801, 2000);
}

/** Shop-wide words ('*'), the ones for the item's leaf category, and the item's own. */
function pool(words: Record<string, string[]>, cat: string, own: readonly string[] = []): string[] {
  const all = [...(words['*'] ?? []), ...(words[cat] ?? []), ...own];
  if (all.length === 0) throw new Error(`demo catalog: no words for ${cat}`);
  return all;
}

const MEASURE = /^(\d+(?:\.\d+)?)(斤|kg|g|ml|L|cm|个装|颗|枚|只)$/;

/**
 * What a title says about the first spec: every SKU of the listing has one of its values, so a
 * title names all of them ("3/5/10斤装", "900ml/1.8L/5L") or, when the values are not plain
 * measures ("125g×4盒", "一级"), none.
 */
export function titleHint(spec: SpecTpl): string {
  const parsed = spec.values.map(([label]) => MEASURE.exec(label));
  if (parsed.some((m) => m === null)) return '';
  const units = new Set(parsed.map((m) => m![2]));
  const body =
    units.size === 1
      ? `${parsed.map((m) => m![1]).join('/')}${parsed[0]![2]}`
      : spec.values.map(([label]) => label).join('/');
  return `${body}${spec.hint}`;
}

function buildTitle(rng: Rng, shop: ShopTpl, item: ItemTpl, name: string, specs: readonly SpecTpl[]): string {
  const first = at(specs, 0);
  pick(rng, first.values); // kept so every listing draws the same numbers as before (prices, stock)
  const hint = titleHint(first);
  const hook = pick(rng, pool(shop.hooks, item.cat, item.hooks));
  const slogan = pick(rng, pool(shop.slogans, item.cat, item.slogans));
  const words = (...parts: string[]): string => parts.filter((w) => w !== '').join(' ');
  switch (Math.floor(rng() * 4)) {
    case 0:
      return words(name, hook, hint, slogan);
    case 1:
      return `【${pick(rng, shop.tags)}】${words(name, hint, hook, slogan)}`;
    case 2:
      return words(name, hint, slogan, hook);
    default:
      return words(name, hook, slogan, hint);
  }
}

function buildProduct(
  rng: Rng,
  shop: ShopTpl,
  item: ItemTpl,
  index: number,
  variant: number,
  titles: Set<string>,
): DemoProduct {
  const name = at(item.names, variant % item.names.length);
  const specs = at(item.specs, variant % item.specs.length);

  // The first draw comes from the shop's stream; a title already taken is redrawn from a stream of
  // its own, so the listing's prices and stock do not depend on how often titles collide.
  let title = buildTitle(rng, shop, item, name, specs);
  const retry = mulberry32(seedOf(`title:${shop.key}:${index}`));
  for (let tries = 0; titles.has(title) && tries < 50; tries++) title = buildTitle(retry, shop, item, name, specs);
  if (titles.has(title)) title = `${title} ${index + 1}号`;
  titles.add(title);

  const jitter = 0.92 + rng() * 0.16;
  const markup = rng() < 0.25 ? null : 1.12 + rng() * 0.26;
  const skus: DemoSku[] = combinations(specs).map(({ values, mult }) => {
    const priceFen = shelfPrice(item.base * jitter * mult);
    const originalPriceFen =
      markup === null ? null : Math.max(priceFen, Math.ceil((priceFen * markup) / 100) * 100 - 10);
    return { specValues: values, priceFen, originalPriceFen, stock: stockFor(rng) };
  });

  const s = rng();
  const status: DemoProduct['status'] = s < 0.05 ? 'draft' : s < 0.1 ? 'delisted' : 'listed';

  return {
    key: `${shop.key}-${String(index + 1).padStart(3, '0')}`,
    shopKey: shop.key,
    categoryKey: item.cat,
    title,
    description: `${item.desc}${pick(rng, pool(shop.descTails, item.cat))}`,
    specOptions: specs.map((spec) => ({ name: spec.name, values: spec.values.map(([label]) => label) })),
    skus,
    status,
    imageColor: item.color,
    imageLabel: item.label,
    imageName: name,
  };
}

function buildCategories(): DemoCategory[] {
  return CATEGORY_TPLS.map(({ key, name, rules }) => {
    const dot = key.lastIndexOf('.');
    return { key, parentKey: dot < 0 ? null : key.slice(0, dot), name, rules: { ...rules } };
  });
}

function buildShops(): DemoShop[] {
  return SHOP_TPLS.map((t) => ({
    key: t.key,
    name: t.name,
    description: t.description,
    origin: t.origin,
    shippingFeeFen: t.shippingFeeFen,
    freeShippingOverFen: t.freeShippingOverFen,
    ownerLogin: t.ownerLogin,
  }));
}

function buildProducts(): DemoProduct[] {
  const titles = new Set<string>();
  const products: DemoProduct[] = [];
  for (const shop of SHOP_TPLS) {
    const rng = mulberry32(seedOf(`products:${shop.key}`));
    for (let k = 0; k < PRODUCTS_PER_SHOP; k++) {
      const item = at(shop.items, k % shop.items.length);
      products.push(buildProduct(rng, shop, item, k, Math.floor(k / shop.items.length), titles));
    }
  }
  return products;
}

// ── people ──────────────────────────────────────────────────────────────

/** [province, city, district, road] — real places, made-up house numbers. */
const PLACES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['广东省', '深圳市', '南山区', '科技南十二路'],
  ['广东省', '广州市', '天河区', '体育西路'],
  ['北京市', '北京市', '朝阳区', '望京街'],
  ['北京市', '北京市', '海淀区', '中关村大街'],
  ['上海市', '上海市', '浦东新区', '张杨路'],
  ['上海市', '上海市', '徐汇区', '漕溪北路'],
  ['浙江省', '杭州市', '西湖区', '文三路'],
  ['浙江省', '杭州市', '余杭区', '文一西路'],
  ['浙江省', '宁波市', '鄞州区', '天童南路'],
  ['江苏省', '南京市', '鼓楼区', '中山北路'],
  ['江苏省', '苏州市', '姑苏区', '人民路'],
  ['四川省', '成都市', '武侯区', '武侯祠大街'],
  ['四川省', '成都市', '锦江区', '东大街'],
  ['重庆市', '重庆市', '渝北区', '金开大道'],
  ['湖北省', '武汉市', '洪山区', '珞喻路'],
  ['湖南省', '长沙市', '岳麓区', '枫林三路'],
  ['福建省', '厦门市', '思明区', '湖滨南路'],
  ['福建省', '福州市', '鼓楼区', '五四路'],
  ['山东省', '青岛市', '市南区', '香港中路'],
  ['山东省', '济南市', '历下区', '泉城路'],
  ['河南省', '郑州市', '金水区', '花园路'],
  ['陕西省', '西安市', '雁塔区', '小寨东路'],
  ['云南省', '昆明市', '五华区', '东风西路'],
  ['天津市', '天津市', '南开区', '鞍山西道'],
  ['辽宁省', '沈阳市', '和平区', '南京北街'],
  ['黑龙江省', '哈尔滨市', '南岗区', '西大直街'],
  ['安徽省', '合肥市', '蜀山区', '长江西路'],
  ['江西省', '南昌市', '红谷滩区', '红谷中大道'],
  ['广西壮族自治区', '南宁市', '青秀区', '民族大道'],
  ['河北省', '石家庄市', '长安区', '中山东路'],
  ['山西省', '太原市', '小店区', '长治路'],
  ['贵州省', '贵阳市', '观山湖区', '林城西路'],
  ['吉林省', '长春市', '朝阳区', '人民大街'],
  ['海南省', '海口市', '龙华区', '滨海大道'],
  ['内蒙古自治区', '呼和浩特市', '赛罕区', '大学东街'],
  ['新疆维吾尔自治区', '乌鲁木齐市', '天山区', '解放南路'],
];

const COMPOUNDS = [
  '阳光花园',
  '锦绣家园',
  '翠苑小区',
  '滨江花园',
  '金色家园',
  '幸福里',
  '书香苑',
  '丽景湾',
  '枫林苑',
  '碧水湾',
  '和平新村',
  '银杏公寓',
];
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '180',
  '182',
  '185',
  '186',
  '187',
  '188',
  '189',
];

const BUYER_NAMES = [
  '李小雨',
  '王大锤',
  '张晓燕',
  '刘洋洋',
  '陈静怡',
  '杨帆',
  '赵一鸣',
  '黄小米',
  '吴佳琪',
  '徐子涵',
  '孙悦悦',
  '胡萌萌',
  '朱小胖',
  '高原',
  '林夕月',
  '何欢',
  '郭小北',
  '马丽娜',
  '罗浩然',
  '梁思雨',
  '宋雨桐',
  '郑多多',
  '谢婉清',
  '韩梅梅',
  '唐糖',
  '冯晓晴',
  '于洋',
  '董佳佳',
  '萧萧',
  '程橙',
  '曹小满',
  '袁圆',
  '邓可可',
  '许诺',
  '傅小宝',
  '沈一白',
  '曾晓婷',
  '彭大海',
  '吕小布',
  '苏苏',
];

type Address = NonNullable<DemoPerson['address']>;

function makeAddress(rng: Rng, name: string, place: readonly [string, string, string, string]): Address {
  const [province, city, district, road] = place;
  const phone = `${pick(rng, PHONE_PREFIXES)}${String(intIn(rng, 0, 99_999_999)).padStart(8, '0')}`;
  const room = `${intIn(rng, 1, 28)}${String(intIn(rng, 1, 4)).padStart(2, '0')}`;
  const detail = `${road}${intIn(rng, 1, 888)}号${pick(rng, COMPOUNDS)}${intIn(rng, 1, 18)}栋${intIn(rng, 1, 4)}单元${room}室`;
  return { name, phone, province, city, district, detail };
}

function buildPeople(): DemoPerson[] {
  const rng = mulberry32(seedOf('people'));
  // Deterministic Fisher–Yates shuffle so buyers are spread over all places.
  const places = [...PLACES];
  for (let i = places.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = at(places, i);
    places[i] = at(places, j);
    places[j] = a;
  }
  let next = 0;
  const addr = (name: string): Address => makeAddress(rng, name, at(places, next++ % places.length));

  const people: DemoPerson[] = [
    { login: 'demo-shopper', displayName: '林小满', roles: ['shopper'], address: addr('林小满') },
    { login: 'demo-merchant', displayName: '滇果优选·杨掌柜', roles: ['merchant'], address: null },
    { login: 'demo-creator', displayName: '种草达人阿柚', roles: ['creator', 'shopper'], address: addr('周柚柚') },
    { login: 'demo-admin', displayName: '平台运营小助手', roles: ['admin'], address: null },
    { login: 'merchant-tea', displayName: '茶山老李', roles: ['merchant'], address: null },
    { login: 'merchant-seafood', displayName: '舟山渔家阿海', roles: ['merchant'], address: null },
    { login: 'merchant-grain', displayName: '北大仓王姐', roles: ['merchant'], address: null },
    { login: 'merchant-snacks', displayName: '馋嘴小铺店长', roles: ['merchant'], address: null },
    { login: 'merchant-kitchen', displayName: '阳江刀匠老陈', roles: ['merchant'], address: null },
  ];
  BUYER_NAMES.forEach((name, i) => {
    people.push({
      login: `buyer-${String(i + 1).padStart(2, '0')}`,
      displayName: name,
      roles: ['shopper'],
      address: addr(name),
    });
  });
  return people;
}

export function buildDemoCatalog(): DemoCatalog {
  return {
    categories: buildCategories(),
    shops: buildShops(),
    products: buildProducts(),
    people: buildPeople(),
  };
}
