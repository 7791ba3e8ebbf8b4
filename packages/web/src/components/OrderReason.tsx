import { useTranslation } from 'react-i18next';

/** One order transition's reason as the API gives it: a code with parameters. */
export interface TransitionReasonView {
  reason: string;
  reasonCode?: string;
  reasonParams?: Record<string, string | number>;
}

/**
 * Words a transition's reason in the current language. A person's own words (a cancellation
 * note) and sentences written before reasons had codes are shown as written, marked as user
 * content.
 */
export function OrderReason({ transition, className }: { transition: TransitionReasonView; className?: string }) {
  const { t, i18n } = useTranslation();
  const code = transition.reasonCode ?? 'legacy';
  const params = transition.reasonParams ?? {};
  if (code === 'cancelled_with_note') {
    return (
      <span className={className} data-testid="order-reason" data-reason={code}>
        {t('orderReason.cancelled_with_note')}
        <span data-user-content="">{String(params.note ?? transition.reason)}</span>
      </span>
    );
  }
  const key = `orderReason.${code}`;
  if (code === 'legacy' || !i18n.exists(key)) {
    return (
      <span className={className} data-testid="order-reason" data-reason="legacy" data-user-content="">
        {String(params.text ?? transition.reason)}
      </span>
    );
  }
  return (
    <span className={className} data-testid="order-reason" data-reason={code}>
      {t(key, params)}
    </span>
  );
}
