import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

export function LangToggle({ className = '' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className={`lang-toggle ${className}`}
      aria-label={t('app.langToggleLabel')}
      data-testid="lang-toggle"
      onClick={() => setLanguage(next)}
    >
      {t('app.langToggle')}
    </button>
  );
}
