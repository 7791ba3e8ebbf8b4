import { useTranslation } from 'react-i18next';
import { errorCodeOf, errorSentenceKey } from '../i18n/error-sentence';

/** A sentence for an error in the UI language: the API code's own sentence, else a generic one. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error: unknown) => t(errorSentenceKey(error, (key) => i18n.exists(key)));
}

/** An inline error box: the sentence and an optional retry button (the code only as a data attribute). */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div className="error-note" role="alert" data-testid="error" data-error-code={errorCodeOf(error)}>
      <span>{text(error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
