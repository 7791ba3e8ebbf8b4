import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Descriptions, SideSheet, Table, Tag, Timeline, Typography } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { consoleApi, type OrderDetail } from '../api';
import { LoadView, StatusTag, useLoad } from '../shell/common';
import { OrderReason } from '../../../components/OrderReason';
import { ShipModal } from './ShipModal';
import { OrderPromiseLine, ParcelTracking } from './fulfilment/ParcelTracking';
import { compensationKindKey } from '../../orders/OrderCompensations';

/** Order detail: the promise, lines, address, parcels with their tracking timeline and the history; 发货 when it waits to ship. */
export function OrderDrawer({
  orderId,
  onClose,
  onChanged,
}: {
  orderId: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const state = useLoad(() => consoleApi.order(orderId), [orderId]);
  const [shipping, setShipping] = useState(false);
  return (
    <SideSheet
      visible
      closeOnEsc
      title={t('consoleUi.orders.detail')}
      onCancel={onClose}
      width={640}
      data-testid="order-drawer"
    >
      <LoadView state={state} rows={10}>
        {(o) => (
          <>
            <Body o={o} onShip={() => setShipping(true)} />
            {shipping && (
              <ShipModal
                order={o}
                onClose={() => setShipping(false)}
                onShipped={() => {
                  setShipping(false);
                  state.reload();
                  onChanged();
                }}
              />
            )}
          </>
        )}
      </LoadView>
    </SideSheet>
  );
}

function Body({ o, onShip }: { o: OrderDetail; onShip: () => void }) {
  const { t, i18n } = useTranslation();
  const a = o.address;
  const when = (ms: number) => formatDateTime(ms, i18n.language);
  return (
    <div className="cs-section-gap">
      <Descriptions
        row
        size="small"
        data={[
          { key: t('consoleUi.orders.id'), value: <span className="cs-mono">{o.id}</span> },
          {
            key: t('consoleUi.statusCol'),
            value: (
              <span data-testid="order-status">
                <StatusTag status={o.status} />
              </span>
            ),
          },
          { key: t('consoleUi.orders.total'), value: formatFen(o.totalFen) },
          { key: t('consoleUi.orders.createdAt'), value: when(o.createdAt) },
        ]}
      />
      <OrderPromiseLine status={o.status} promise={o.promise} />
      {o.status === 'paid' && (
        <Button theme="solid" onClick={onShip} data-testid="ship-open">
          {t('consoleUi.ship.action')}
        </Button>
      )}
      <Typography.Title heading={6}>{t('consoleUi.orders.lines')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={o.lines}
        columns={[
          {
            title: t('consoleUi.products.product'),
            dataIndex: 'title',
            render: (v: string, l: OrderDetail['lines'][number]) => `${v} ${l.specValues.join(' / ')}`,
          },
          {
            title: t('consoleUi.orders.unit'),
            dataIndex: 'unitPriceFen',
            align: 'right',
            render: (v: number) => formatFen(v),
          },
          { title: t('consoleUi.orders.qty'), dataIndex: 'quantity', align: 'right' },
          {
            title: t('consoleUi.orders.subtotal'),
            dataIndex: 'lineTotalFen',
            align: 'right',
            render: (v: number) => formatFen(v),
          },
        ]}
      />
      <Typography.Title heading={6}>{t('consoleUi.orders.address')}</Typography.Title>
      {/* The server sends the buyer's phone masked (138****5678): the shop ships with the name and the full address. */}
      <p data-testid="order-address">
        {a.name} {a.phone}
        <br />
        {[a.province, a.city, a.district, a.detail].filter(Boolean).join(' ')}
      </p>
      {o.note && (
        <p className="cs-muted">
          {t('consoleUi.orders.note')}: {o.note}
        </p>
      )}
      {o.compensations && o.compensations.length > 0 && (
        <>
          <Typography.Title heading={6}>{t('consoleUi.orders.compensations')}</Typography.Title>
          {o.compensations.map((c) => (
            <p key={c.id} data-testid="drawer-compensation" data-status={c.status}>
              {t(compensationKindKey(c))} · {formatFen(c.amountFen)} ·{' '}
              <Tag color={c.status === 'succeeded' ? 'green' : c.status === 'failed' ? 'red' : 'orange'}>
                {t(`order.compensation.status.${c.status}`)}
              </Tag>
              <span className="cs-muted">
                {' '}
                · {t(c.paidBy === 'merchant' ? 'consoleUi.orders.paidByShop' : 'consoleUi.orders.paidByPlatform')} ·{' '}
                {when(c.createdAt)}
              </span>
            </p>
          ))}
        </>
      )}
      <Typography.Title heading={6}>{t('consoleUi.orders.parcels')}</Typography.Title>
      {o.shipments.length === 0 ? (
        <p className="cs-muted">{t('consoleUi.orders.noParcels')}</p>
      ) : (
        o.shipments.map((s) => (
          <p key={s.id} data-testid="parcel">
            <Tag color="blue">{s.carrier}</Tag> <span className="cs-mono">{s.trackingNo}</span> ·{' '}
            <StatusTag status={s.status} /> · {when(s.createdAt)}
          </p>
        ))
      )}
      {o.shipments.length > 0 && (
        <>
          <Typography.Title heading={6}>{t('ops.tracking.title')}</Typography.Title>
          <ParcelTracking orderId={o.id} version={o.status} />
        </>
      )}
      <Typography.Title heading={6}>{t('consoleUi.orders.history')}</Typography.Title>
      <Timeline>
        {o.transitions.map((x, i) => (
          <Timeline.Item key={i} time={when(x.at)}>
            {x.from === x.to || !x.from ? '' : `${t(`consoleUi.status.${x.from}`, { defaultValue: x.from })} → `}
            {t(`consoleUi.status.${x.to}`, { defaultValue: x.to })}
            <span className="cs-muted">
              {' '}
              · <OrderReason transition={x} />
            </span>
          </Timeline.Item>
        ))}
      </Timeline>
    </div>
  );
}
