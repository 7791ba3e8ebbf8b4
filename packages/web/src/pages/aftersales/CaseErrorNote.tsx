import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../components/ErrorNote';

/** Error text with the after-sales codes (CASE_EXISTS, CLAIM_WINDOW_CLOSED, …) in the UI language. */
export function useCaseErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const general = useErrorText();
  return (error: unknown) => {
    if (error instanceof ApiError && i18n.exists(`aftersales.errors.${error.code}`))
      return t(`aftersales.errors.${error.code}`);
    return general(error);
  };
}

/** The shopper app's inline error box, knowing the after-sales codes. */
export function CaseErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useCaseErrorText();
  return (
    <div
      className="error-note"
      role="alert"
      data-testid="error"
      data-error-code={error instanceof ApiError ? error.code : undefined}
    >
      <span>{text(error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
