/** Word lists for the demo videos: creators, title hooks, captions, hashtags, comments (pure data). */

/** Twelve demo creators (达人) beside `demo-creator`. */
export const DEMO_CREATORS: ReadonlyArray<{ login: string; displayName: string }> = [
  { login: 'creator-01', displayName: '吃货小鹿' },
  { login: 'creator-02', displayName: '果园里的阿杰' },
  { login: 'creator-03', displayName: '厨房新手日记' },
  { login: 'creator-04', displayName: '海边长大的小琪' },
  { login: 'creator-05', displayName: '茶友老周' },
  { login: 'creator-06', displayName: '零食测评官' },
  { login: 'creator-07', displayName: '深夜食堂阿宽' },
  { login: 'creator-08', displayName: '宝妈好物分享' },
  { login: 'creator-09', displayName: '农家小妹阿香' },
  { login: 'creator-10', displayName: '健身餐研究所' },
  { login: 'creator-11', displayName: '一人食小王' },
  { login: 'creator-12', displayName: '逛吃逛吃的七七' },
];

/** What a demo video shows, from its product's category: each kind has words of its own. */
export type ContentKind = 'fruit' | 'seafood' | 'tea' | 'staple' | 'condiment' | 'snack' | 'kitchen';

/** Category names (leaf or parent) → the kind of goods a video about them shows. */
export const CONTENT_KIND_OF_CATEGORY: Readonly<Record<string, ContentKind>> = {
  水果: 'fruit',
  生鲜: 'fruit',
  海鲜水产: 'seafood',
  茶叶: 'tea',
  茶饮: 'tea',
  大米: 'staple',
  食用油: 'staple',
  粮油调味: 'staple',
  调味品: 'condiment',
  坚果炒货: 'snack',
  糕点饼干: 'snack',
  肉干: 'snack',
  休闲零食: 'snack',
  锅具: 'kitchen',
  刀具: 'kitchen',
  砧板: 'kitchen',
  厨具: 'kitchen',
};

const TRY = [
  '回购三次了',
  '开箱实测',
  '这个价格绝了',
  '闭眼入',
  '真实测评',
  '家人们冲',
  '今天到货',
  '不踩雷',
  '宝藏好物',
];

/** Second half of a video title, per kind. */
export const TITLE_HOOKS: Readonly<Record<ContentKind, readonly string[]>> = {
  fruit: [...TRY, '比超市甜太多'],
  seafood: [...TRY, '比菜市场鲜太多'],
  tea: [...TRY, '口粮茶首选'],
  staple: [...TRY, '厨房常备'],
  condiment: [...TRY, '厨房常备'],
  snack: [...TRY, '比超市香太多'],
  kitchen: [...TRY, '用了就回不去'],
};

/** First sentence of a creator's caption, per kind (a creator paid by commission never says it is not an ad). */
export const CAPTION_OPENERS: Readonly<Record<ContentKind, readonly string[]>> = {
  fruit: [
    '第一口就被惊艳到了',
    '趁着活动囤了一波',
    '切开那一刻就知道买对了',
    '到手拆箱给大家看看',
    '家里老人孩子都爱吃',
    '包装很用心，发货也快',
    '开箱满屋子果香',
    '朋友推荐的，果然没让我失望',
  ],
  seafood: [
    '第一口就被惊艳到了',
    '趁着活动囤了一波',
    '清蒸一下就很鲜',
    '到手拆箱给大家看看',
    '家里老人孩子都爱吃',
    '包装很用心，发货也快',
    '周末做了一桌海味',
    '朋友推荐的，果然没让我失望',
  ],
  tea: [
    '第一泡就被惊艳到了',
    '趁着活动囤了一波',
    '办公室每天一壶',
    '到手拆箱给大家看看',
    '连泡七泡还有味',
    '包装很用心，发货也快',
    '送给爸妈他们很喜欢',
    '朋友推荐的，果然没让我失望',
  ],
  staple: [
    '煮了一锅饭满屋香',
    '趁着活动囤了一波',
    '家里厨房常备',
    '到手拆箱给大家看看',
    '全家都说好',
    '包装很用心，发货也快',
    '做了三道菜全靠它',
    '朋友推荐的，果然没让我失望',
  ],
  condiment: [
    '拌个凉菜就很香',
    '趁着活动囤了一波',
    '家里厨房常备',
    '到手拆箱给大家看看',
    '全家都说好',
    '包装很用心，发货也快',
    '做了三道菜全靠它',
    '朋友推荐的，果然没让我失望',
  ],
  snack: [
    '第一口就被惊艳到了',
    '趁着活动囤了一波',
    '追剧的时候根本停不下来',
    '到手拆箱给大家看看',
    '家里老人孩子都爱吃',
    '包装很用心，发货也快',
    '办公室同事都来要',
    '朋友推荐的，果然没让我失望',
  ],
  kitchen: [
    '用了一周说说感受',
    '趁着活动入手了',
    '厨房颜值一下就上来了',
    '到手拆箱给大家看看',
    '老妈用了都说顺手',
    '包装很用心，发货也快',
    '做了三道菜全靠它',
    '朋友推荐的，果然没让我失望',
  ],
};

/** First sentence of a shop's own video (店播): the shop speaks as the seller. */
export const SHOP_CAPTION_OPENERS: Readonly<Record<ContentKind, readonly string[]>> = {
  fruit: ['今天果园现摘的一批', '仓库现场挑果打包', '这批果子我们先尝过了', '店里新到一批'],
  seafood: ['今早码头到的一批', '仓库现场分拣打包', '这批货我们先尝过了', '店里新到一批'],
  tea: ['今年的新茶到了', '仓库现场称茶打包', '这批茶我们先试泡过了', '店里新到一批'],
  staple: ['今年的新货到了', '仓库现场打包', '这批货我们先试过了', '店里新到一批'],
  condiment: ['这批新酿到了', '仓库现场打包', '这批货我们先试过了', '店里新到一批'],
  snack: ['这批新货刚出炉', '仓库现场打包', '这批货我们先尝过了', '店里新到一批'],
  kitchen: ['工厂刚下线的一批', '仓库现场验货打包', '这批货我们先试用过了', '店里新到一批'],
};

/** Hashtags beside the product's own name and category: generic words, no company's brand. */
export const TAG_POOL: Readonly<Record<ContentKind, readonly string[]>> = {
  fruit: ['产地直发', '好物推荐', '水果控', '源头好货', '开箱', '吃货日常', '囤货清单', '当季水果', '种草'],
  seafood: ['产地直发', '好物推荐', '海鲜控', '源头好货', '开箱', '吃货日常', '囤货清单', '家常菜', '种草'],
  tea: ['产地直发', '好物推荐', '喝茶', '源头好货', '开箱', '茶友日常', '囤货清单', '口粮茶', '种草'],
  staple: ['产地直发', '好物推荐', '源头好货', '开箱', '家常菜', '囤货清单', '厨房常备', '种草'],
  condiment: ['产地直发', '好物推荐', '源头好货', '开箱', '家常菜', '囤货清单', '厨房常备', '种草'],
  snack: ['好物推荐', '零食推荐', '源头好货', '开箱', '吃货日常', '囤货清单', '追剧零食', '种草'],
  kitchen: ['好物推荐', '厨房好物', '源头好货', '开箱', '厨具测评', '做饭日常', '种草'],
};

export const COMMENTS = [
  '看着就好吃',
  '已下单',
  '链接在哪里？',
  '上次买的很新鲜，再来一单',
  '发货快吗？',
  '求一个优惠券',
  '这个颜色太诱人了',
  '买过，确实不错',
  '主播推荐的都好用',
  '已经回购第二次了',
  '包邮吗',
  '收藏了，发工资就买',
];

export const REPLIES = ['谢谢支持～', '左下角小黄车就能买', '48小时内发货哦', '同问', '我也买了，好吃', '已经下单了'];
