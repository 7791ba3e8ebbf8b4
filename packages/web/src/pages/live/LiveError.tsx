import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../components/ErrorNote';

/** Text for a live-room error code (ours first, then the app's general wording). */
export function useLiveErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const general = useErrorText();
  return (error: unknown) => {
    const code = error instanceof ApiError ? error.code : typeof error === 'string' ? error : null;
    if (code && i18n.exists(`live.errors.${code}`)) return t(`live.errors.${code}`);
    return general(typeof error === 'string' ? new ApiError(0, error, error) : error);
  };
}

/** An inline error in the room's sheets. */
export function LiveError({ error }: { error: unknown }) {
  const text = useLiveErrorText();
  return (
    <div
      className="error-note"
      role="alert"
      data-testid="live-error"
      data-code={error instanceof ApiError ? error.code : undefined}
    >
      <span>{text(error)}</span>
    </div>
  );
}
