import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getCase, type CaseView } from '../../api/aftersales';
import { ApiError } from '../../api/client';
import { RequireAuth } from '../../auth/RequireAuth';
import { LineImage } from '../../components/LineImage';
import { Price } from '../../components/Price';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { formatDateTime } from '../../lib/format';
import { formatFen } from '../../lib/money';
import { BuyerActions } from './BuyerActions';
import { deadlineParty, formatCountdown, isOpen } from './case-rules';
import { CaseErrorNote } from './CaseErrorNote';
import { CaseTimeline } from './CaseTimeline';
import { MessageBox } from './MessageBox';
import { useNow } from './useNow';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import { ContactButton } from '../service/ContactButton';
import '../service/service.css';
import './aftersales.css';

/** /app/aftersales/:caseId: status and countdown, the line, amounts, parcels, actions, messages and the timeline. */
export function CasePage() {
  const { t } = useTranslation();
  return (
    <ShopperLayout title={t('aftersales.case.title')} back>
      <RequireAuth
        fallback={
          <section className="section">
            <SkeletonLines lines={6} />
          </section>
        }
      >
        {() => <CaseBody />}
      </RequireAuth>
    </ShopperLayout>
  );
}

function CaseBody() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const [view, setView] = useState<CaseView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getCase(caseId).then(setView, setError);
  }, [caseId]);
  useEffect(load, [load]);
  useEffect(() => {
    // The other side may have answered while this tab was in the background.
    const onVisible = () => document.visibilityState === 'visible' && load();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [load]);

  if (!view) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
      return (
        <div className="empty">
          <p className="empty-title">{t('aftersales.case.notFound')}</p>
          <Link to="/app/aftersales" className="btn">
            {t('aftersales.mine')}
          </Link>
        </div>
      );
    }
    return error != null ? (
      <CaseErrorNote error={error} onRetry={load} />
    ) : (
      <section className="section">
        <SkeletonLines lines={6} />
      </section>
    );
  }
  return <CaseDetail view={view} onChanged={setView} />;
}

function CaseDetail({ view, onChanged }: { view: CaseView; onChanged(view: CaseView): void }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const when = (ms: number) => formatDateTime(ms, i18n.language);
  const c = view.deadline && isOpen(view.status) ? formatCountdown(view.deadline.dueAt, now, i18n.language) : null;
  const amountKey = view.status === 'refunded' ? 'refunded' : 'requested';
  return (
    <div data-testid="case-detail" data-case-id={view.id} data-status={view.status}>
      <section className={`order-hero as-hero as-hero-${view.status}`}>
        <span className="promise-tag">{t(`aftersales.type.${view.type}`)}</span>
        <h2 data-testid="case-status">{t(`aftersales.status.${view.status}`)}</h2>
        <p>{t(`aftersales.statusHint.${view.status}`, { defaultValue: '' })}</p>
        {view.status === 'refunded' && (
          <p className="as-hero-amount" data-testid="case-refund">
            {formatFen(view.refundFen)}
          </p>
        )}
        {view.status === 'countered' && view.counterFen != null && (
          <p className="as-hero-amount" data-testid="case-counter">
            {t('aftersales.case.counterOffer', { amount: formatFen(view.counterFen) })}
          </p>
        )}
        {c && view.deadline && (
          <p data-testid="case-countdown" className={c.urgent ? 'as-urgent' : ''}>
            {t(`aftersales.deadline.${view.deadline.kind}`, {
              defaultValue: t(`aftersales.deadlineParty.${deadlineParty(view.deadline.kind)}`),
            })}{' '}
            · <strong>{c.text}</strong>
          </p>
        )}
      </section>

      <section className="section">
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <ContactButton source="aftersales" sourceId={view.id} variant="link" />
        </div>
        <div className="line">
          <LineImage src={view.line.imageUrl ?? view.imageUrl} title={view.line.title} />
          <div className="line-main">
            <span className="line-title">{view.line.title}</span>
            {view.line.specValues.length > 0 && <span className="line-spec">{view.line.specValues.join(' / ')}</span>}
            <div className="line-bottom">
              <Price fen={view.line.unitPriceFen} />
              <span className="muted">×{view.line.quantity}</span>
            </div>
          </div>
        </div>
        <div className="kv">
          <span className="muted">{t(`aftersales.case.${amountKey}`)}</span>
          <strong data-testid="case-amount">
            {formatFen(view.status === 'refunded' ? view.refundFen : view.requestedFen)}
          </strong>
        </div>
        {view.spoiledPercent != null && (
          <div className="kv">
            <span className="muted">{t('aftersales.form.spoiled')}</span>
            <span>{view.spoiledPercent}%</span>
          </div>
        )}
        {view.counterFen != null && (
          <div className="kv">
            <span className="muted">{t('aftersales.case.counter')}</span>
            <span>{formatFen(view.counterFen)}</span>
          </div>
        )}
        <div className="kv">
          <span className="muted">{t('aftersales.form.reason')}</span>
          <span>{t(`aftersales.reason.${view.reasonCode}`)}</span>
        </div>
        {view.note && <p className="muted small">{view.note}</p>}
        {view.returnShipment && (
          <Parcel label={t('aftersales.case.returnParcel')} p={view.returnShipment} when={when} />
        )}
        {view.reshipment && <Parcel label={t('aftersales.case.reshipParcel')} p={view.reshipment} when={when} />}
        <div className="kv small">
          <span className="muted">{t('aftersales.case.id')}</span>
          <span className="mono">{view.id}</span>
        </div>
        <div className="kv small">
          <span className="muted">{t('aftersales.case.order')}</span>
          <Link to={`/app/orders/${encodeURIComponent(view.orderId)}`} className="mono" data-testid="case-order-link">
            {view.orderId} ›
          </Link>
        </div>
      </section>

      <section className="section">
        <h3>{t('aftersales.case.timeline')}</h3>
        <CaseTimeline view={view} />
      </section>
      {(isOpen(view.status) || view.status === 'rejected') && (
        <section className="section">
          <MessageBox caseId={view.id} onSent={onChanged} />
        </section>
      )}
      <div className="detail-actions">
        <BuyerActions view={view} onChanged={onChanged} />
      </div>
    </div>
  );
}

function Parcel({
  label,
  p,
  when,
}: {
  label: string;
  p: { carrier: string; trackingNo: string; shippedAt: number };
  when(ms: number): string;
}) {
  return (
    <div className="parcel">
      <strong>{label}</strong>
      <div className="kv small">
        <span>{p.carrier}</span>
        <span className="mono">{p.trackingNo}</span>
      </div>
      <span className="muted small">{when(p.shippedAt)}</span>
    </div>
  );
}
