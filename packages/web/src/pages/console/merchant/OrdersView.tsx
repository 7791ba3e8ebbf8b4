import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Button, Table, TabPane, Tabs, Typography } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { consoleApi, type OrderSummary } from '../api';
import { CursorPager, useCursorPages } from '../shell/CursorPager';
import { EmptyState, ErrorState, StatusTag } from '../shell/common';
import { BatchShipModal } from './BatchShipModal';
import { OrderDrawer } from './OrderDrawer';

const TABS = ['', 'paid', 'unpaid', 'shipped', 'delivered', 'completed', 'cancelled'];

/** 订单: status tabs, pages, the detail drawer with 发货, and 批量发货 by CSV. */
export function OrdersView({ shopId }: { shopId: string }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = TABS.includes(params.get('status') ?? '') ? (params.get('status') ?? '') : '';
  const [open, setOpen] = useState<string | null>(null);
  const [batch, setBatch] = useState(false);
  const pages = useCursorPages(
    (cursor) => consoleApi.orders(shopId, { status: status || undefined, cursor }),
    [shopId, status],
  );

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.nav.orders')}
      </Typography.Title>
      <div className="cs-toolbar">
        <Tabs type="button" activeKey={status || 'all'} onChange={(k) => setParams(k === 'all' ? {} : { status: k })}>
          {TABS.map((s) => (
            <TabPane
              key={s || 'all'}
              itemKey={s || 'all'}
              tab={s ? t(`consoleUi.orderTab.${s}`) : t('consoleUi.all')}
            />
          ))}
        </Tabs>
        <span className="cs-grow" />
        <Button onClick={() => setBatch(true)} data-testid="batch-open">
          {t('consoleUi.batch.title')}
        </Button>
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          data-testid="orders-table"
          scroll={{ x: 'max-content' }}
          empty={<EmptyState title={t('consoleUi.orders.empty')} />}
          onRow={(o?: OrderSummary) => ({ 'data-order-id': o?.id }) as object}
          columns={[
            {
              title: t('consoleUi.orders.id'),
              dataIndex: 'id',
              render: (v: string) => <span className="cs-mono">{v}</span>,
            },
            {
              title: t('consoleUi.orders.items'),
              dataIndex: 'lines',
              render: (lines: OrderSummary['lines']) => lines.map((l) => `${l.title} ×${l.quantity}`).join('；'),
            },
            { title: t('consoleUi.orders.buyer'), dataIndex: 'buyerName' },
            {
              title: t('consoleUi.orders.total'),
              dataIndex: 'totalFen',
              align: 'right',
              render: (v: number) => formatFen(v),
            },
            { title: t('consoleUi.statusCol'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
            {
              title: t('consoleUi.orders.createdAt'),
              dataIndex: 'createdAt',
              render: (v: number) => formatDateTime(v, i18n.language),
            },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'id',
              render: (id: string, o: OrderSummary) => (
                <Button
                  theme={o.status === 'paid' ? 'solid' : 'borderless'}
                  size="small"
                  onClick={() => setOpen(id)}
                  data-testid="order-open"
                >
                  {o.status === 'paid' ? t('consoleUi.ship.action') : t('consoleUi.orders.view')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
      {open && <OrderDrawer orderId={open} onClose={() => setOpen(null)} onChanged={pages.reload} />}
      {batch && <BatchShipModal shopId={shopId} onClose={() => setBatch(false)} onDone={pages.reload} />}
    </>
  );
}
