import { useTranslation } from 'react-i18next';
import { Tag } from '@douyinfe/semi-ui-19';
import type { CaseDeadline } from '../../../../api/aftersales';
import { deadlineParty, formatCountdown } from '../../../aftersales/case-rules';
import { useNow } from '../../../aftersales/useNow';

const COLOR: Record<string, 'orange' | 'blue' | 'green' | 'grey' | 'red' | 'cyan' | 'violet' | 'amber'> = {
  requested: 'orange',
  countered: 'amber',
  awaiting_return: 'cyan',
  return_shipped: 'blue',
  escalated: 'violet',
  refunded: 'green',
  completed: 'green',
  rejected: 'red',
  closed: 'grey',
  cancelled: 'grey',
};

/** A coloured tag for a case status, in the UI language. */
export function CaseStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status] ?? 'grey'} size="small" data-status={status}>
      {t(`aftersales.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** The running deadline as a live countdown (red under two hours), with whom it waits for. */
export function CaseCountdown({ deadline, withParty = false }: { deadline: CaseDeadline; withParty?: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const c = formatCountdown(deadline.dueAt, now, i18n.language);
  return (
    <span
      className={`cs-countdown${c.urgent ? ' cs-countdown-urgent' : ''}`}
      data-testid="case-countdown"
      title={t(`aftersales.deadline.${deadline.kind}`, { defaultValue: '' })}
    >
      {withParty && (
        <span className="cs-muted">{t(`aftersales.deadlineParty.${deadlineParty(deadline.kind)}`)} · </span>
      )}
      {c.text}
    </span>
  );
}
