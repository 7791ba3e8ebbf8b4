import { useEffect, useState } from 'react';
import type { Answer } from '../../api/contract';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../lib/format';

export type TrackedParcel = Answer<'/api/v1/orders/{orderId}/tracking', 'get'>['parcels'][number];

/** Loads the carrier's tracking of an order's parcels (GET /orders/:id/tracking). */
export function useOrderTracking(
  orderId: string,
  refreshKey: unknown,
): { parcels: Map<string, TrackedParcel>; failed: boolean } {
  const [parcels, setParcels] = useState<Map<string, TrackedParcel>>(new Map());
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    api<Answer<'/api/v1/orders/{orderId}/tracking', 'get'>>(
      'GET',
      `/orders/${encodeURIComponent(orderId)}/tracking`,
    ).then(
      (r) => live && (setParcels(new Map(r.parcels.map((p) => [p.shipmentId, p]))), setFailed(false)),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [orderId, refreshKey]);
  return { parcels, failed };
}

/** One parcel's timeline, newest scan first. */
export function ParcelTimeline({ parcel }: { parcel: TrackedParcel | undefined }) {
  const { t, i18n } = useTranslation();
  if (!parcel) return null;
  const events = [...parcel.events].reverse();
  return (
    <div data-testid="tracking" data-status={parcel.status}>
      <div className="kv">
        <span className="muted">{t('tracking.title')}</span>
        <span className="tag" data-testid="tracking-status">
          {t(`tracking.status.${parcel.status}`, { defaultValue: parcel.status })}
        </span>
      </div>
      {events.length === 0 ? (
        <p className="muted" data-testid="tracking-empty">
          {t(parcel.status === 'delivered' ? 'tracking.noScans' : 'tracking.empty')}
        </p>
      ) : (
        <ol className="timeline" data-testid="tracking-events">
          {events.map((e, i) => (
            <li key={`${e.status}-${e.at}-${i}`} data-testid="tracking-event">
              <strong>{t(`tracking.status.${e.status}`, { defaultValue: e.status })}</strong>{' '}
              <span className="muted">{formatDateTime(e.at, i18n.language)}</span>
              <div>{e.description}</div>
              <div className="muted">{e.location}</div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
