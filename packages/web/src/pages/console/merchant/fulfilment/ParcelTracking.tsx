import { useTranslation } from 'react-i18next';
import { Tag, Timeline } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../../lib/format';
import { opsApi, type OrderPromise, type TrackedParcel } from '../../ops-api';
import { LoadView, useLoad } from '../../shell/common';
import { shanghaiMonthDay } from './capacity-figures';
import { Countdown } from './CountdownCell';
import './fulfilment.css';

const STATUS_COLOR: Record<string, 'grey' | 'blue' | 'cyan' | 'red' | 'green'> = {
  awaiting_pickup: 'grey',
  collected: 'blue',
  in_transit: 'blue',
  out_for_delivery: 'cyan',
  exception: 'red',
  delivered: 'green',
};
const DOT_TYPE: Record<string, 'default' | 'ongoing' | 'success' | 'warning' | 'error'> = {
  exception: 'error',
  delivered: 'success',
};

/** The carrier's tracking timeline of every parcel of an order, newest scan first (GET /orders/:id/tracking). */
export function ParcelTracking({ orderId, version }: { orderId: string; version: unknown }) {
  const { t } = useTranslation();
  const state = useLoad(() => opsApi.tracking(orderId), [orderId, version]);
  if (state.error != null)
    return (
      <p className="cs-muted" data-testid="tracking-failed">
        {t('ops.tracking.loadFailed')}
      </p>
    );
  return (
    <LoadView state={state} rows={3}>
      {(parcels) => (
        <div className="ff-tracking" data-testid="tracking">
          {parcels.map((p) => (
            <Parcel key={p.shipmentId} p={p} />
          ))}
        </div>
      )}
    </LoadView>
  );
}

function Parcel({ p }: { p: TrackedParcel }) {
  const { t, i18n } = useTranslation();
  const label = (s: string) => t(`tracking.status.${s}`, { defaultValue: s });
  const events = [...p.events].reverse();
  return (
    <div data-testid="tracking-parcel" data-status={p.status}>
      <div className="ff-parcel-head">
        <Tag color="blue">{p.carrier}</Tag>
        <span className="cs-mono">{p.trackingNo}</span>
        <Tag color={STATUS_COLOR[p.status] ?? 'grey'} data-testid="tracking-status">
          {label(p.status)}
        </Tag>
      </div>
      {events.length === 0 ? (
        <p className="cs-muted">{t(p.status === 'delivered' ? 'ops.tracking.noScans' : 'ops.tracking.empty')}</p>
      ) : (
        <Timeline>
          {events.map((e, i) => (
            <Timeline.Item
              key={`${e.status}-${e.at}-${i}`}
              time={formatDateTime(e.at, i18n.language)}
              type={i === 0 ? (DOT_TYPE[e.status] ?? 'ongoing') : 'default'}
              data-testid="tracking-event"
            >
              <strong>{label(e.status)}</strong> {e.description}
              {e.location && <span className="cs-muted"> · {e.location}</span>}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </div>
  );
}

/** The order's promise: pre-sale date, the ship-by countdown while it waits to ship, a late mark. */
export function OrderPromiseLine({ status, promise }: { status: string; promise: OrderPromise | undefined }) {
  const { t, i18n } = useTranslation();
  if (!promise) return null;
  const presale = promise.presaleShipBy ?? null;
  const parts = [
    presale !== null && (
      <Tag key="presale" color="violet" data-testid="order-presale">
        {t('ops.tracking.presale', { date: shanghaiMonthDay(presale) })}
      </Tag>
    ),
    status === 'paid' && promise.shipBy != null && (
      <span key="ship-by" data-testid="order-ship-by">
        {t('ops.tracking.shipBy')} {formatDateTime(promise.shipBy, i18n.language)} · <Countdown due={promise.shipBy} />
      </span>
    ),
    promise.lateAt != null && (
      <Tag key="late" color="red">
        {t('ops.tracking.late')}
      </Tag>
    ),
  ].filter(Boolean);
  return parts.length > 0 ? <div className="ff-promise">{parts}</div> : null;
}
