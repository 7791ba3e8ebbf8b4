import { useTranslation } from 'react-i18next';
import { Table, Tag, Timeline } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../lib/format';
import { EmptyState } from '../shell/common';
import { pts, type Penalty, type TimelineEntry, type Violation } from './violations-api';

const PENALTY_COLOR: Record<string, 'red' | 'orange' | 'grey' | 'green'> = {
  active: 'red',
  ended: 'grey',
  lifted: 'green',
};

export function useWhen() {
  const { i18n } = useTranslation();
  return (ms: number) => formatDateTime(ms, i18n.language);
}

export function statusOf(v: Violation): 'in_force' | 'revoked' | 'expired' {
  return v.status === 'revoked' ? 'revoked' : v.inForce ? 'in_force' : 'expired';
}

export function StatusTags({ v }: { v: Violation }) {
  const { t } = useTranslation();
  const s = statusOf(v);
  const last = v.appeals[v.appeals.length - 1];
  return (
    <span data-testid={`violation-status-${v.id}`}>
      <Tag color={s === 'in_force' ? 'red' : s === 'revoked' ? 'green' : 'grey'}>{t(`violations.status.${s}`)}</Tag>{' '}
      {last && (
        <Tag color={last.status === 'granted' ? 'green' : last.status === 'pending' ? 'orange' : 'grey'}>
          {t(`violations.appealStatus.${last.status}`)}
        </Tag>
      )}
    </span>
  );
}

export function ViolationTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  const when = useWhen();
  const text = (e: TimelineEntry) => {
    const d = e.detail;
    const kind = typeof d.kind === 'string' ? t(`violations.penaltyKinds.${d.kind}`) : '';
    return t(`violations.timeline.${e.kind}`, {
      points: typeof d.milliPoints === 'number' ? pts(d.milliPoints) : '',
      kind,
      attempt: d.attempt ?? '',
    });
  };
  // The admin's reason is their own words: shown as written, apart from the UI's text.
  const reason = (e: TimelineEntry) =>
    typeof e.detail.reason === 'string' && e.detail.reason ? (
      <>
        {t('violations.timeline.sep')}
        <span data-user-content>{e.detail.reason}</span>
      </>
    ) : null;
  return (
    <Timeline data-testid="violation-timeline">
      {entries.map((e, i) => (
        <Timeline.Item
          key={i}
          time={when(e.at)}
          type={
            e.kind === 'appeal_granted' || e.kind === 'penalty_lifted' || e.kind === 'points_removed'
              ? 'success'
              : e.kind === 'penalty_applied'
                ? 'error'
                : 'default'
          }
        >
          <span>
            {text(e)}
            {reason(e)}
          </span>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function PenaltyTable({ penalties }: { penalties: Penalty[] }) {
  const { t } = useTranslation();
  const when = useWhen();
  if (penalties.length === 0) return <EmptyState title={t('violations.noPenalties')} />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={penalties}
      data-testid="penalty-table"
      columns={[
        {
          title: t('violations.penalties'),
          dataIndex: 'kind',
          render: (k: string, p: Penalty) => (
            <span data-testid={`penalty-${p.kind}-${p.status}`}>
              {t(`violations.penaltyKinds.${k}`)}
              {p.multiplierPermille !== null
                ? ` · ${t('violations.throttleText', { m: p.multiplierPermille / 1000 })}`
                : ''}
            </span>
          ),
        },
        { title: t('violations.ledger'), dataIndex: 'ledger', render: (l: string) => t(`violations.ledgers.${l}`) },
        {
          title: t('violations.milestone'),
          dataIndex: 'milestone',
          render: (m: number) => t('violations.points', { points: m }),
        },
        {
          title: t('violations.statusCol'),
          dataIndex: 'status',
          render: (s: string) => <Tag color={PENALTY_COLOR[s]}>{t(`violations.penaltyStatus.${s}`)}</Tag>,
        },
        { title: t('violations.startsAt'), dataIndex: 'startsAt', render: (ms: number) => when(ms) },
        {
          title: t('violations.endsAt'),
          dataIndex: 'endsAt',
          render: (ms: number, p: Penalty) => when(p.liftedAt ?? ms),
        },
      ]}
    />
  );
}
