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

export const TITLE_HOOKS = ['回购三次了', '开箱实测', '这个价格绝了', '闭眼入', '真实测评', '家人们冲', '今天到货', '不踩雷', '宝藏好物', '比超市香太多'];

export const CAPTION_OPENERS = [
  '第一口就被惊艳到了',
  '趁着活动囤了一波',
  '朋友推荐的，果然没让我失望',
  '到手拆箱给大家看看',
  '不是广告，自己花钱买的',
  '家里老人孩子都爱吃',
  '包装很用心，发货也快',
  '做了三道菜全靠它',
];

export const TAG_POOL = ['产地直发', '好物推荐', '抖in好物', '源头好货', '开箱', '吃货日常', '囤货清单', '厨房好物', '家常菜', '种草'];

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
