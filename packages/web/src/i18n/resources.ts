import consoleEn from './console.en';
import consoleZhCN from './console.zh-CN';
import en from './en';
import shopperEn from './shopper.en';
import shopperZhCN from './shopper.zh-CN';
import zhCN from './zh-CN';
import aftersalesEn from './aftersales.en';
import aftersalesZhCN from './aftersales.zh-CN';
import supplyEn from './supply.en';
import supplyZhCN from './supply.zh-CN';
import opsEn from './ops.en';
import opsZhCN from './ops.zh-CN';
import affiliateEn from './affiliate.en';
import affiliateZhCN from './affiliate.zh-CN';
import liveEn from './live.en';
import liveZhCN from './live.zh-CN';
import discoverEn from './discover.en';
import discoverZhCN from './discover.zh-CN';
import walletEn from './wallet.en';
import walletZhCN from './wallet.zh-CN';
import governanceEn from './governance.en';
import governanceZhCN from './governance.zh-CN';
import reviewsEn from './reviews.en';
import reviewsZhCN from './reviews.zh-CN';
import moderationEn from './moderation.en';
import moderationZhCN from './moderation.zh-CN';
import violationsEn from './violations.en';
import violationsZhCN from './violations.zh-CN';
import experienceEn from './experience.en';
import experienceZhCN from './experience.zh-CN';
import serviceEn from './service.en';
import serviceZhCN from './service.zh-CN';
import openPlatformEn from './openplatform.en';
import openPlatformZhCN from './openplatform.zh-CN';
import adsEn from './ads.en';
import adsZhCN from './ads.zh-CN';
import compassEn from './compass.en';
import compassZhCN from './compass.zh-CN';
import modelsEn from './models.en';
import modelsZhCN from './models.zh-CN';
import errorsEn from './errors.en';
import errorsZhCN from './errors.zh-CN';

/** Every string of the app, per language; both trees have exactly the same keys (i18n-coverage.test.ts). */
export const resources = {
  'zh-CN': {
    translation: {
      ...zhCN,
      ...shopperZhCN,
      ...consoleZhCN,
      ...aftersalesZhCN,
      ...supplyZhCN,
      ...opsZhCN,
      ...liveZhCN,
      ...affiliateZhCN,
      ...discoverZhCN,
      ...walletZhCN,
      ...governanceZhCN,
      ...reviewsZhCN,
      ...moderationZhCN,
      ...violationsZhCN,
      ...experienceZhCN,
      ...serviceZhCN,
      ...openPlatformZhCN,
      ...adsZhCN,
      ...compassZhCN,
      ...modelsZhCN,
      ...errorsZhCN,
    },
  },
  en: {
    translation: {
      ...en,
      ...shopperEn,
      ...consoleEn,
      ...aftersalesEn,
      ...supplyEn,
      ...opsEn,
      ...liveEn,
      ...affiliateEn,
      ...discoverEn,
      ...walletEn,
      ...governanceEn,
      ...reviewsEn,
      ...moderationEn,
      ...violationsEn,
      ...experienceEn,
      ...serviceEn,
      ...openPlatformEn,
      ...adsEn,
      ...compassEn,
      ...modelsEn,
      ...errorsEn,
    },
  },
};
