/**
 * The default rule book: the platform's red lines as data. Each group names the class, the
 * severity and the rule its terms break. Terms are written as an author would see them; the
 * matcher folds them like any text. Single characters are never terms on their own (最 alone would
 * flag half the catalogue): the banned forms are listed instead (最好, 最佳, 最便宜, 全网最 …).
 * Patterns that are not words (phone numbers, QQ numbers, WeChat ids, links) are the typed
 * detectors of detectors.ts.
 */
import type { BookTerm, Homophone, RuleCode, Severity, TermClass } from './types.js';

interface TermGroup {
  key: string;
  class: TermClass;
  severity: Severity;
  rule: RuleCode;
  terms: readonly string[];
}

const GROUPS: readonly TermGroup[] = [
  {
    key: 'abs-superlative',
    class: 'absolute',
    severity: 'reject',
    rule: 'AD_LAW_9_ABSOLUTE',
    terms: [
      '最好', '最佳', '最优', '最强', '最便宜', '最低价', '最高级', '最先进', '最正宗', '最顶级',
      '最赚', '最超值', '最牛', '最受欢迎', '最具性价比', '最低折扣', '质量最好', '效果最好',
      '全网最', '全国最', '史上最', '世界最', '中国最', '宇宙最', '史上最低价', '全网最低价',
      '第一品牌', '全网第一', '销量第一', '全网销量第一', '行业第一', '全国第一', '排名第一',
      '世界第一', '中国第一', '销量冠军', '全国销量冠军', 'no.1', 'top1',
      '国家级', '国家级产品', '世界级', '全球级', '宇宙级', '顶级', '顶尖', '极致', '至尊',
      '万能', '永久', '百分之百', '绝对正品', '全球首发', '全网首发', '全国首发', '独一无二',
      '绝无仅有', '史无前例', '前无古人', '遥遥领先', '无敌', '领袖品牌', '领导品牌', '王牌',
      '唯一指定', '首选品牌', '国际品质', '巅峰', '空前绝后',
    ],
  },
  {
    key: 'abs-soft',
    class: 'absolute',
    severity: 'warn',
    rule: 'AD_LAW_9_ABSOLUTE',
    terms: ['首选', '唯一', '独家', '首家', '首个', '最新技术', '最先享受', '最时尚', '最流行', '完美无瑕'],
  },
  {
    key: 'abs-authority',
    class: 'absolute',
    severity: 'reject',
    rule: 'AD_LAW_9_AUTHORITY',
    terms: [
      '国家机关推荐', '国家领导人推荐', '领导人推荐', '特供', '专供', '国宴专用', '质量免检',
      '免检产品', '驰名商标', '国务院推荐', '人民大会堂专用', '军队特供', '机关特供', '政府推荐',
    ],
  },
  {
    key: 'urgency',
    class: 'absolute',
    severity: 'warn',
    rule: 'PLATFORM_FALSE_URGENCY',
    terms: ['随时结束', '仅此一次', '最后一波', '再不抢就没了', '万人疯抢', '错过不再', '仅限今天', '秒杀全网', '最后一天'],
  },
  {
    key: 'med-disease',
    class: 'medical',
    severity: 'reject',
    rule: 'AD_LAW_17_MEDICAL',
    terms: [
      '治疗', '治愈', '根治', '疗效', '药效', '降血压', '降血糖', '降血脂', '降三高', '抗癌',
      '防癌', '治癌', '抗肿瘤', '消炎', '抗病毒', '包治百病', '药到病除', '治百病', '治失眠',
      '补肾壮阳', '壮阳', '延年益寿', '长生不老', '处方', '软化血管', '疏通血管', '清除血栓',
      '降尿酸', '治痛风', '治便秘', '治糖尿病', '治高血压', '治胃病', '代替药物', '替代药物',
      '无副作用', '零副作用', '临床验证', '医生推荐', '专家推荐', '药用价值',
    ],
  },
  {
    key: 'med-health-claim',
    class: 'medical',
    severity: 'review',
    rule: 'FOOD_SAFETY_73_CLAIM',
    terms: [
      '增强免疫力', '提高免疫力', '调节血糖', '调节血压', '保肝护肝', '护肝', '润肺止咳', '止咳化痰',
      '改善睡眠', '排毒养颜', '排毒', '减肥', '瘦身', '燃脂', '刮油', '抗衰老', '延缓衰老',
      '美白祛斑', '活血化瘀', '补气血', '壮骨', '增高', '预防疾病', '防病', '养胃护胃', '安神助眠',
    ],
  },
  {
    key: 'med-health-food',
    class: 'medical',
    severity: 'review',
    rule: 'AD_LAW_18_HEALTH_FOOD',
    terms: ['保证有效', '立竿见影', '一次见效', '三天见效', '吃了就好', '无效退款', '安全无毒', '纯天然无副作用'],
  },
  {
    key: 'div-contact',
    class: 'diversion',
    severity: 'reject',
    rule: 'PLATFORM_DIVERSION',
    terms: [
      '加微信', '加我微信', '微信号', '微信联系', '微信同号', '微信转账', '加v', '加qq', '加我qq',
      'qq号', 'qq群', '加群', '进群', '私下交易', '线下交易', '线下付款', '绕过平台', '站外交易',
      '站外下单', '淘宝搜', '淘宝同款更便宜', '拼多多更便宜', '闲鱼交易', '某宝', '某东', '某多多',
      '扫码加', '扫码添加', '扫描二维码', '联系电话', '电话联系', '手机号', '加我好友', '添加好友',
      '关注公众号', '公众号', '私聊我', '私我', '滴滴我', 'whatsapp', 'telegram', '飞机号',
      '外部链接', '点击链接购买', '复制链接到浏览器',
    ],
  },
  {
    key: 'bait',
    class: 'bait',
    severity: 'reject',
    rule: 'PLATFORM_BAIT',
    terms: [
      '恭喜获奖', '恭喜您获奖', '恭喜中奖', '恭喜您中奖', '点击有惊喜', '点击领奖', '中奖名单',
      '转发抽奖', '转发有奖', '评论抽奖', '幸运大转盘', '大转盘', '砸金蛋', '刮刮乐', '好评返现',
      '晒图返现', '刷单', '点赞送礼', '免费领取', '白送', '不买后悔', '稳赚不赔',
    ],
  },
  {
    key: 'prohibited',
    class: 'prohibited',
    severity: 'reject',
    rule: 'PLATFORM_PROHIBITED_ITEM',
    terms: [
      '枪支', '仿真枪', '气枪', '弓弩', '管制刀具', '弹簧刀', '电击器', '迷药', '催情药', '听话水',
      '春药', '毒品', '大麻', '冰毒', '摇头丸', 'k粉', '海洛因', '罂粟壳', '象牙', '犀牛角',
      '穿山甲', '熊胆', '虎骨', '玳瑁', '国家保护动物', '野生保护动物', '发菜', '野生河豚',
      '香烟', '电子烟', '烟油', '假币', '代开发票', '发票代开', '银行卡出售', '身份证买卖',
      '窃听器', '针孔摄像头', '偷拍', '处方药', '代孕', '六合彩', '赌博', '高仿', '一比一复刻',
      '假货', 'a货',
    ],
  },
];

/** Spellings that stand for a canonical form; an admin extends this table. */
const HOMOPHONES: Readonly<Record<string, readonly string[]>> = {
  微信: ['薇信', '威信', '徽信', '维信', '围信', '微芯', '胃信', 'v信', 'vx', 'wx', '微x', 'weixin', 'wechat', '卫星号'],
  qq: ['扣扣', '企鹅号', '球球', 'qq号码'],
  第一: ['第1', '弟一', '笫一', 'di一', '第壹'],
  最好: ['醉好', 'zui好'],
  最佳: ['醉佳', 'zui佳'],
  顶级: ['鼎级', '丁级'],
  国家级: ['国家吉', '国jia级', 'guojia级'],
  治疗: ['治liao', '冶疗', 'zhi疗'],
  抗癌: ['抗ai', '炕癌'],
  防癌: ['防ai'],
  降血压: ['降xue压', '降血鸭', '降xy'],
  降血糖: ['降xue糖', '降血唐'],
  减肥: ['减fei', '减月巴', '剪肥'],
  瘦身: ['shou身', '受身'],
  淘宝: ['桃宝', '掏宝', 'tb'],
  拼多多: ['pdd', '拼夕夕'],
  公众号: ['gzh', '公号'],
  二维码: ['二维玛', 'erweima'],
  电话: ['dianhua', '店话'],
  手机号: ['shouji号'],
  中奖: ['中jiang'],
  壮阳: ['壮y'],
};

/** The default book's terms, with stable ids (`dflt-<group>-<n>`). */
export function defaultTerms(): BookTerm[] {
  const out: BookTerm[] = [];
  for (const g of GROUPS) {
    g.terms.forEach((text, i) => {
      out.push({ id: `dflt-${g.key}-${String(i + 1).padStart(3, '0')}`, text, class: g.class, severity: g.severity, rule: g.rule, enabled: true });
    });
  }
  return out;
}

/** The default homophone table. */
export function defaultHomophones(): Homophone[] {
  const out: Homophone[] = [];
  for (const [canonical, variants] of Object.entries(HOMOPHONES)) for (const variant of variants) out.push({ canonical, variant });
  return out;
}
