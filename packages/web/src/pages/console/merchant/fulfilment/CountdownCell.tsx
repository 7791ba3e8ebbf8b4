import { useTranslation } from 'react-i18next';
import { formatCountdown } from './countdown';
import { useSecondTick } from './useSecondTick';

/** One ticking cell: "剩余 1天 03:04:05", red under two hours and once overdue. */
export function Countdown({ due }: { due: number }) {
  const { t, i18n } = useTranslation();
  const now = useSecondTick();
  const c = formatCountdown(due - now, i18n.language);
  return (
    <span
      className={`cs-countdown${c.urgent ? ' cs-countdown-urgent' : ''}`}
      data-testid="deadline-countdown"
      data-overdue={c.overdue}
      data-urgent={c.urgent}
      role="timer"
    >
      {t(c.overdue ? 'ops.deadlines.overdue' : 'ops.deadlines.left', { span: c.span })}
    </span>
  );
}
