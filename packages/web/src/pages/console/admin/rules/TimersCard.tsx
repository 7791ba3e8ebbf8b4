import { useTranslation } from 'react-i18next';
import { Button, Card, Table, Tag } from '@douyinfe/semi-ui-19';
import { IconRefresh } from '@douyinfe/semi-icons';
import { formatDateTime } from '../../../../lib/format';
import { opsApi, type TimerView } from '../../ops-api';
import { EmptyState, LoadView, useLoad } from '../../shell/common';

const STATUSES = ['pending', 'done', 'cancelled', 'failed'] as const;

/** 定时任务: durable timers by status, and the ones failing or retrying (GET /admin/timers). */
export function TimersCard() {
  const { t, i18n } = useTranslation();
  const state = useLoad(() => opsApi.timers(), []);
  const when = (ms: number | null) => (ms === null ? '—' : formatDateTime(ms, i18n.language));
  return (
    <Card
      title={t('ops.timers.title')}
      headerExtraContent={
        <Button
          theme="borderless"
          icon={<IconRefresh />}
          onClick={state.reload}
          aria-label={t('ops.deadlines.refresh')}
        />
      }
      data-testid="timers-card"
    >
      <p className="cs-muted rl-hint">{t('ops.timers.hint')}</p>
      <LoadView state={state} rows={4}>
        {({ counts, troubled }) => (
          <>
            <div className="cs-stats" data-testid="timer-counts">
              {STATUSES.map((s) => (
                <div className="cs-stat" key={s} data-status={s}>
                  <div className="cs-stat-label">{t(`ops.timers.status.${s}`)}</div>
                  <div
                    className={`cs-stat-value${s === 'failed' && (counts[s] ?? 0) > 0 ? ' cs-red' : ''}`}
                    data-testid="timer-count"
                  >
                    {counts[s] ?? 0}
                  </div>
                </div>
              ))}
            </div>
            <div className="rl-group-title">{t('ops.timers.troubled')}</div>
            {troubled.length === 0 ? (
              <EmptyState title={t('ops.timers.none')} />
            ) : (
              <Table
                size="small"
                rowKey={(x?: TimerView) => (x ? `${x.kind}:${x.subjectId}` : '')}
                dataSource={troubled}
                pagination={troubled.length > 10 ? { pageSize: 10 } : false}
                data-testid="timers-table"
                columns={[
                  {
                    title: t('ops.timers.kind'),
                    dataIndex: 'kind',
                    render: (k: string) => t(`ops.deadlines.kind.${k}`, { defaultValue: k }),
                  },
                  {
                    title: t('ops.timers.subject'),
                    dataIndex: 'subjectId',
                    render: (v: string) => <span className="cs-mono">{v}</span>,
                  },
                  { title: t('ops.timers.dueAt'), dataIndex: 'dueAt', render: (v: number) => when(v) },
                  { title: t('ops.timers.attempts'), dataIndex: 'attempts', align: 'right' },
                  {
                    title: t('ops.timers.statusCol'),
                    dataIndex: 'status',
                    render: (s: string) => (
                      <Tag size="small" color={s === 'failed' ? 'red' : 'orange'}>
                        {t(`ops.timers.status.${s}`, { defaultValue: s })}
                      </Tag>
                    ),
                  },
                  {
                    title: t('ops.timers.lastError'),
                    dataIndex: 'lastError',
                    render: (v: string | null) => <span className="rl-error-text">{v ?? '—'}</span>,
                  },
                ]}
              />
            )}
          </>
        )}
      </LoadView>
    </Card>
  );
}
