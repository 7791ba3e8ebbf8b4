/**
 * The cashier in the shopper's language: the payments API forwards `lang` to the provider's
 * cashier (the sandbox cashier speaks zh-CN and en).
 */
export function withCashierLanguage(url: string, language: string): string {
  const lang = language === 'en' ? 'en' : 'zh-CN';
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
  const parsed = new URL(url, 'http://local.invalid');
  parsed.searchParams.set('lang', lang);
  return absolute ? parsed.toString() : `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
