import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, Card, Table, Typography } from '@douyinfe/semi-ui-19';
import { formatFen } from '../../../lib/money';
import { consoleApi, type Dashboard } from '../api';
import { countdown, EmptyState, LoadView, useLoad, waited } from '../shell/common';
import { opsApi } from '../ops-api';
import { CapacityGauge } from './fulfilment/CapacityCard';
import { gaugeFigures } from './fulfilment/capacity-figures';

/** 首页: today's figures, the 7-day bars, the orders waiting longest to ship (countdowns, red under 2 h) and the capacity gauge. */
export function DashboardView({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => consoleApi.dashboard(shopId), [shopId]);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.dashboard.title')}
      </Typography.Title>
      <LoadView state={state} rows={8}>
        {(d) => <DashboardBody d={d} />}
      </LoadView>
      <CapacitySummary shopId={shopId} />
    </>
  );
}

function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

function DashboardBody({ d }: { d: Dashboard }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const now = useNow();
  const stats: Array<[string, string, boolean]> = [
    [t('consoleUi.dashboard.orders'), String(d.today.orders), false],
    [t('consoleUi.dashboard.paidOrders'), String(d.today.paidOrders), false],
    [t('consoleUi.dashboard.gmv'), formatFen(d.today.gmvFen), true],
    [t('consoleUi.dashboard.toShip'), String(d.today.toShip), d.today.toShip > 0],
    [t('consoleUi.dashboard.overdue'), String(d.today.overdue), d.today.overdue > 0],
    [t('consoleUi.dashboard.refunds'), formatFen(d.today.refundsFen), false],
  ];
  const max = Math.max(1, ...d.last7Days.map((x) => x.gmvFen));
  return (
    <div className="cs-section-gap">
      <div className="cs-stats" data-testid="dashboard-stats">
        {stats.map(([label, value, red]) => (
          <div className="cs-stat" key={label}>
            <div className="cs-stat-label">{label}</div>
            <div className={`cs-stat-value${red ? ' cs-red' : ''}`}>{value}</div>
          </div>
        ))}
      </div>
      <div className="cs-grid-2">
        <Card
          title={t('consoleUi.dashboard.urgent')}
          headerExtraContent={
            <Button theme="borderless" onClick={() => navigate('/merchant/orders?status=paid')}>
              {t('consoleUi.dashboard.goShip')}
            </Button>
          }
        >
          {d.toShipOldest.length === 0 ? (
            <EmptyState title={t('consoleUi.dashboard.nothingToShip')} />
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey="orderId"
              dataSource={d.toShipOldest}
              columns={[
                {
                  title: t('consoleUi.orders.id'),
                  dataIndex: 'orderId',
                  render: (v: string) => <span className="cs-mono">{v}</span>,
                },
                {
                  title: t('consoleUi.dashboard.waited'),
                  dataIndex: 'paidAt',
                  render: (v: number) => waited(v, now, i18n.language),
                },
                {
                  title: t('consoleUi.dashboard.deadline'),
                  dataIndex: 'shipByAt',
                  render: (v: number | null | undefined) => {
                    if (v == null) return '—';
                    const c = countdown(v, now, i18n.language);
                    return <span className={`cs-countdown${c.urgent ? ' cs-countdown-urgent' : ''}`}>{c.text}</span>;
                  },
                },
                {
                  title: t('consoleUi.orders.total'),
                  dataIndex: 'totalFen',
                  align: 'right',
                  render: (v: number) => formatFen(v),
                },
              ]}
            />
          )}
        </Card>
        <Card title={t('consoleUi.dashboard.last7')}>
          <div className="cs-bars" role="list">
            {d.last7Days.map((x) => (
              <div
                className="cs-bar-row"
                role="listitem"
                key={x.day}
                aria-label={`${x.day} ${formatFen(x.gmvFen)} ${t('consoleUi.dashboard.ordersN', { count: x.orders })}`}
              >
                <span className="cs-muted">{x.day.slice(5)}</span>
                <span className="cs-bar-track">
                  <span className="cs-bar-fill" style={{ width: `${(x.gmvFen / max) * 100}%`, display: 'block' }} />
                </span>
                <span className="cs-bar-value">
                  {formatFen(x.gmvFen)} · {x.orders}
                </span>
              </div>
            ))}
          </div>
        </Card>
      </div>
    </div>
  );
}

/** The capacity gauge of the fulfilment centre, when the shop declared a capacity; links there. */
function CapacitySummary({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const state = useLoad(() => opsApi.projection(shopId), [shopId]);
  if (state.data === null) return null; // loading, or no projection to show: the dashboard stays as it is
  const g = gaugeFigures(state.data);
  if (g.level === 'none') return null;
  return (
    <Card
      className="cs-dashboard-capacity"
      title={t('ops.capacity.gaugeTitle')}
      headerExtraContent={
        <Button theme="borderless" onClick={() => navigate('/merchant/fulfilment')}>
          {t('consoleUi.nav.fulfilment')}
        </Button>
      }
      data-testid="dashboard-capacity"
    >
      <CapacityGauge g={g} />
    </Card>
  );
}
