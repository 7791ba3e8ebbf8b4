import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** Text for an error: our translation of a known API code, else the server's message. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      const key = `errors.${error.code}`;
      if (i18n.exists(key)) return t(key);
      const shopperKey = `shopperErrors.${error.code}`;
      if (i18n.exists(shopperKey)) return t(shopperKey);
      return error.message || t('errors.generic', { message: error.code });
    }
    return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
  };
}

/** An inline error box: message, the API's code, and an optional retry button. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div className="error-note" role="alert" data-testid="error">
      <span>{text(error)}</span>
      {code && <small className="error-code">{t('common.errorCode', { code })}</small>}
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
