import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, Card, Table, Tag } from '@douyinfe/semi-ui-19';
import { IconRefresh } from '@douyinfe/semi-icons';
import { formatDateTime } from '../../../../lib/format';
import { opsApi } from '../../ops-api';
import { EmptyState, LoadView, useLoad } from '../../shell/common';
import { deadlineCounts, toLiveDeadlines, type LiveDeadline } from './countdown';
import { Countdown } from './CountdownCell';
import { useSecondTick } from './useSecondTick';

/** Rows per page: the overdue orders (listed until they ship) and the next day's deadlines fit on the first. */
const PAGE_SIZE = 20;

const KIND_COLOR: Record<string, 'orange' | 'blue' | 'cyan' | 'violet' | 'grey'> = {
  ship_by: 'orange',
  pay_by: 'grey',
  auto_confirm: 'cyan',
  refund_response: 'violet',
  aftersales_response: 'violet',
  return_confirm: 'blue',
  return_ship: 'blue',
};

/** Every running deadline of the shop as a live countdown, most urgent first; a row opens its order, or its after-sales case. */
export function DeadlinesCard({
  shopId,
  version,
  onOpenOrder,
}: {
  shopId: string;
  version: number;
  onOpenOrder: (orderId: string) => void;
}) {
  const { t } = useTranslation();
  const state = useLoad(async () => toLiveDeadlines(await opsApi.deadlines(shopId), Date.now()), [shopId, version]);
  // Enforced deadlines leave the list: read it again every minute.
  useEffect(() => {
    const id = window.setInterval(state.reload, 60_000);
    return () => window.clearInterval(id);
  }, [state.reload]);
  return (
    <Card
      title={t('ops.deadlines.title')}
      headerExtraContent={
        <Button
          theme="borderless"
          icon={<IconRefresh />}
          onClick={state.reload}
          aria-label={t('ops.deadlines.refresh')}
        />
      }
      data-testid="deadlines-card"
    >
      <LoadView state={state} rows={6}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('ops.deadlines.empty')}>
              <p className="cs-muted">{t('ops.deadlines.emptyHint')}</p>
            </EmptyState>
          ) : (
            <DeadlineTable items={items} onOpenOrder={onOpenOrder} />
          )
        }
      </LoadView>
    </Card>
  );
}

function DeadlineTable({ items, onOpenOrder }: { items: LiveDeadline[]; onOpenOrder: (orderId: string) => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <Summary items={items} />
      <Table
        size="small"
        rowKey={(d?: LiveDeadline) => (d ? `${d.kind}:${d.orderId}` : '')}
        dataSource={items}
        pagination={items.length > PAGE_SIZE ? { pageSize: PAGE_SIZE } : false}
        data-testid="deadlines-table"
        scroll={{ x: 'max-content' }}
        onRow={(d?: LiveDeadline) =>
          ({
            'data-testid': 'deadline-row',
            'data-order-id': d?.orderId,
            'data-kind': d?.kind,
            'data-due': d?.localDueAt,
          }) as object
        }
        columns={[
          {
            title: t('ops.deadlines.kindCol'),
            dataIndex: 'kind',
            render: (k: string) => (
              <Tag size="small" color={KIND_COLOR[k] ?? 'grey'}>
                {t(`ops.deadlines.kind.${k}`, { defaultValue: k })}
              </Tag>
            ),
          },
          {
            title: t('ops.deadlines.order'),
            dataIndex: 'orderId',
            render: (id: string, d: LiveDeadline) =>
              d.caseId ? (
                <Button
                  theme="borderless"
                  size="small"
                  className="ff-order-link"
                  onClick={() => navigate(`/merchant/aftersales/${encodeURIComponent(d.caseId!)}`)}
                  data-testid="deadline-case"
                >
                  {t('ops.deadlines.case')} <span className="cs-mono">{d.caseId}</span>
                </Button>
              ) : (
                <Button
                  theme="borderless"
                  size="small"
                  className="ff-order-link"
                  onClick={() => onOpenOrder(id)}
                  data-testid="deadline-order"
                >
                  <span className="cs-mono">{id}</span>
                </Button>
              ),
          },
          {
            title: t('ops.deadlines.countdown'),
            dataIndex: 'localDueAt',
            render: (v: number, d: LiveDeadline) => (
              <span className="ff-countdown-cell">
                <Countdown due={v} />
                <span className="cs-muted ff-due">
                  {t('ops.deadlines.dueAt')} {formatDateTime(d.dueAt, i18n.language)}
                </span>
              </span>
            ),
          },
        ]}
      />
    </>
  );
}

function Summary({ items }: { items: LiveDeadline[] }) {
  const { t } = useTranslation();
  const now = useSecondTick();
  const c = deadlineCounts(items, now);
  return (
    <p className={c.overdue + c.urgent > 0 ? 'ff-summary ff-summary-alert' : 'ff-summary cs-muted'} aria-live="polite">
      {t('ops.deadlines.summary', c)}
    </p>
  );
}
