import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
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

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'zhongcao.lang';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (value === 'en' || value === 'zh-CN') return value;
  } catch {
    // storage unavailable (private mode): fall back to the default
  }
  return 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: { ...zhCN, ...shopperZhCN, ...consoleZhCN, ...aftersalesZhCN, ...supplyZhCN, ...opsZhCN, ...liveZhCN, ...affiliateZhCN, ...discoverZhCN, ...walletZhCN, ...governanceZhCN } },
    en: { translation: { ...en, ...shopperEn, ...consoleEn, ...aftersalesEn, ...supplyEn, ...opsEn, ...liveEn, ...affiliateEn, ...discoverEn, ...walletEn, ...governanceEn } },
  },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes already
});

function applyToDocument(lng: string): void {
  document.documentElement.lang = lng;
  document.title = i18n.t('app.fullName');
}
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

export function setLanguage(lng: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
  void i18n.changeLanguage(lng);
}

export default i18n;
