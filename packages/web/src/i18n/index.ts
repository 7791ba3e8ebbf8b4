import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';

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

declare global {
  interface Window {
    /** Keys the app asked for that no language has (read by the browser checks; see e2e/i18n-coverage.test.ts). */
    __i18nMissingKeys?: string[];
  }
}

/** Remembers every key looked up without a string (including ones rendered with a defaultValue). */
function recordMissingKey(_lngs: readonly string[], _ns: string, key: string): void {
  const seen = (window.__i18nMissingKeys ??= []);
  if (!seen.includes(key)) seen.push(key);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes already
  saveMissing: true, // only reports to recordMissingKey: there is no backend to save to
  missingKeyHandler: recordMissingKey,
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
