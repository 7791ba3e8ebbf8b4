/** The rules terms break, as shown to an author (zh-CN first, English second). */
import type { RuleCode, RuleText } from './types.js';

export const RULES: Readonly<Record<RuleCode, RuleText>> = {
  AD_LAW_9_ABSOLUTE: {
    zh: '《广告法》第九条第三项：不得使用“国家级”“最高级”“最佳”等用语',
    en: 'Advertising Law art. 9(3): no "national-level", "highest-grade", "best" or similar absolute terms',
  },
  AD_LAW_9_AUTHORITY: {
    zh: '《广告法》第九条：不得使用国家机关、国家机关工作人员的名义或形象，不得暗示官方认证',
    en: 'Advertising Law art. 9: no use of state organs or officials, no implied official endorsement',
  },
  AD_LAW_17_MEDICAL: {
    zh: '《广告法》第十七条：非医疗、药品、医疗器械广告不得涉及疾病治疗功能，不得使用医疗用语',
    en: 'Advertising Law art. 17: no disease-treatment claims or medical wording outside medical advertising',
  },
  AD_LAW_18_HEALTH_FOOD: {
    zh: '《广告法》第十八条：保健食品广告不得表示功效、安全性的断言或保证，不得涉及疾病预防、治疗功能',
    en: 'Advertising Law art. 18: health food may not guarantee efficacy or safety, nor claim to prevent or treat disease',
  },
  FOOD_SAFETY_73_CLAIM: {
    zh: '《食品安全法》第七十一、七十三条：食品标签和广告不得涉及疾病预防、治疗功能',
    en: 'Food Safety Law arts. 71 and 73: food labels and advertising may not claim to prevent or treat disease',
  },
  PLATFORM_FALSE_URGENCY: {
    zh: '平台规则：不得使用虚假的限时、限量等紧迫用语误导消费者',
    en: 'Platform rule: no false time-limit or scarcity wording that misleads buyers',
  },
  PLATFORM_DIVERSION: {
    zh: '平台规则：不得发布站外联系方式、链接或引导至站外交易',
    en: 'Platform rule: no off-platform contacts, links or steering buyers to trade elsewhere',
  },
  PLATFORM_BAIT: {
    zh: '平台规则：不得使用“恭喜获奖”“点击有惊喜”等诱导性用语或抽奖诱导',
    en: 'Platform rule: no bait such as "you have won" or "click for a surprise", no lucky-draw lures',
  },
  PLATFORM_PROHIBITED_ITEM: {
    zh: '平台规则：禁止发布法律法规禁止或限制销售的商品',
    en: 'Platform rule: items that the law prohibits or restricts may not be listed',
  },
};
