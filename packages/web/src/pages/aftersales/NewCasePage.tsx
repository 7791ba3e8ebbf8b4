import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { CASE_TYPES, fileCase, type CaseType, type NewCase, type ReasonCode } from '../../api/aftersales';
import { ApiError } from '../../api/client';
import { getOrder } from '../../api/shopper';
import type { OrderDetail, OrderLine } from '../../api/shopper-types';
import { RequireAuth } from '../../auth/RequireAuth';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { formatFen } from '../../lib/money';
import { OrderLineBody } from '../orders/OrderLineBody';
import { claimFen, claimProblem, fenToYuanText, reasonsFor, yuanTextToFen } from './case-rules';
import { CaseErrorNote } from './CaseErrorNote';
import { EvidencePicker, type EvidenceState } from './EvidencePicker';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import './aftersales.css';

/** /app/orders/:orderId/aftersales/new?line=…: 申请售后 for one order line. */
export function NewCasePage() {
  const { t } = useTranslation();
  return (
    <ShopperLayout title={t('aftersales.apply')} back>
      <RequireAuth
        fallback={
          <section className="section">
            <SkeletonLines lines={6} />
          </section>
        }
      >
        {() => <Loader />}
      </RequireAuth>
    </ShopperLayout>
  );
}

function Loader() {
  const { t } = useTranslation();
  const { orderId = '' } = useParams();
  const [params] = useSearchParams();
  const lineId = params.get('line') ?? '';
  const [order, setOrder] = useState<OrderDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getOrder(orderId).then(setOrder, setError);
  }, [orderId]);
  useEffect(load, [load]);

  if (!order) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400))
      return <Gone text={t('order.notFound')} />;
    return error != null ? (
      <CaseErrorNote error={error} onRetry={load} />
    ) : (
      <section className="section">
        <SkeletonLines lines={6} />
      </section>
    );
  }
  const line = order.lines.find((l) => l.id === lineId) ?? (order.lines.length === 1 ? order.lines[0] : undefined);
  if (!line) return <Gone text={t('aftersales.form.lineNotFound')} orderId={order.id} />;
  if (line.afterSales && !(line.afterSalesEligible ?? []).length) {
    return (
      <div className="empty">
        <p className="empty-title">
          {t('aftersales.form.hasCase', { status: t(`aftersales.status.${line.afterSales.status}`) })}
        </p>
        <Link to={`/app/aftersales/${encodeURIComponent(line.afterSales.caseId)}`} className="btn btn-primary">
          {t('aftersales.view')}
        </Link>
      </div>
    );
  }
  const eligible = CASE_TYPES.filter((c) => (line.afterSalesEligible ?? []).includes(c));
  if (eligible.length === 0) return <Gone text={t('aftersales.form.noneEligible')} orderId={order.id} />;
  return <CaseForm order={order} line={line} eligible={eligible} />;
}

function Gone({ text, orderId }: { text: string; orderId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="empty" data-testid="case-form-unavailable">
      <p className="empty-title">{text}</p>
      <Link to={orderId ? `/app/orders/${encodeURIComponent(orderId)}` : '/app/orders'} className="btn">
        {t(orderId ? 'order.title' : 'orders.title')}
      </Link>
    </div>
  );
}

function CaseForm({ order, line, eligible }: { order: OrderDetail; line: OrderLine; eligible: CaseType[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refundable = line.lineTotalFen;
  const [type, setType] = useState<CaseType>(eligible[0]!);
  const [reason, setReason] = useState<ReasonCode | null>(null);
  const [amountText, setAmountText] = useState(fenToYuanText(refundable));
  const [amountTouched, setAmountTouched] = useState(false);
  const [percent, setPercent] = useState(30);
  const [photos, setPhotos] = useState<EvidenceState>({ ids: [], uploading: false });
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reasons = useMemo(
    () => reasonsFor(type, order.promise?.sevenDayNoReason ?? false),
    [type, order.promise?.sevenDayNoReason],
  );
  useEffect(() => setReason((r) => (r && reasons.includes(r) ? r : null)), [reasons]);

  const amountFen = type === 'fresh_claim' ? claimFen(refundable, percent) : yuanTextToFen(amountText);
  const problem = claimProblem({
    type,
    reasonCode: reason,
    refundableFen: refundable,
    amountFen,
    spoiledPercent: percent,
    photos: photos.ids.length,
    uploading: photos.uploading,
    note,
  });

  async function submit() {
    setTried(true);
    if (problem) return;
    const input: NewCase = { type, orderLineId: line.id, reasonCode: reason! };
    if (note.trim()) input.note = note.trim();
    if (type === 'fresh_claim') input.spoiledPercent = percent;
    else if (type !== 'exchange' && amountFen !== null && amountTouched) input.amountFen = amountFen; // untouched: the server refunds what remains
    if (photos.ids.length) input.evidence = photos.ids;
    setBusy(true);
    setError(null);
    try {
      const created = await fileCase(order.id, input);
      navigate(`/app/aftersales/${encodeURIComponent(created.id)}`, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form
      className="as-form-page"
      data-testid="case-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <section className="section">
        <div className="line">
          <OrderLineBody line={line} />
        </div>
      </section>
      <section className="section">
        <h3>{t('aftersales.form.type')}</h3>
        <div className="as-types" role="radiogroup" aria-label={t('aftersales.form.type')}>
          {eligible.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={type === c}
              className={`as-type${type === c ? ' as-type-on' : ''}`}
              data-testid={`case-type-${c}`}
              onClick={() => setType(c)}
            >
              <strong>{t(`aftersales.type.${c}`)}</strong>
              <span className="muted small">{t(`aftersales.typeHint.${c}`)}</span>
            </button>
          ))}
        </div>
      </section>
      <section className="section">
        <h3>{t('aftersales.form.reason')}</h3>
        <div className="chips" role="radiogroup" aria-label={t('aftersales.form.reason')}>
          {reasons.map((r) => (
            <button
              key={r}
              type="button"
              role="radio"
              aria-checked={reason === r}
              className={`chip${reason === r ? ' chip-selected' : ''}`}
              data-testid={`reason-${r}`}
              onClick={() => setReason(r)}
            >
              {t(`aftersales.reason.${r}`)}
            </button>
          ))}
        </div>
      </section>
      {type === 'fresh_claim' ? (
        <section className="section">
          <h3>{t('aftersales.form.spoiled')}</h3>
          <div className="as-slider">
            <input
              type="range"
              min={1}
              max={100}
              step={1}
              value={percent}
              aria-label={t('aftersales.form.spoiled')}
              data-testid="spoiled-slider"
              onChange={(e) => setPercent(Number(e.target.value))}
            />
            <label className="as-percent">
              <input
                type="number"
                min={1}
                max={100}
                step={1}
                value={percent}
                name="spoiledPercent"
                aria-label={t('aftersales.form.spoiledPercent')}
                onChange={(e) => setPercent(Math.round(Number(e.target.value) || 0))}
              />
              %
            </label>
          </div>
          <div className="kv">
            <span className="muted">{t('aftersales.form.claimAmount')}</span>
            <strong className="as-amount" data-testid="claim-amount">
              {formatFen(amountFen ?? 0)}
            </strong>
          </div>
          <p className="muted small">{t('aftersales.form.claimHint', { total: formatFen(refundable) })}</p>
        </section>
      ) : type !== 'exchange' ? (
        <section className="section">
          <h3>{t('aftersales.form.amount')}</h3>
          <label className="as-money">
            ¥
            <input
              name="amount"
              inputMode="decimal"
              value={amountText}
              aria-label={t('aftersales.form.amount')}
              onChange={(e) => {
                setAmountText(e.target.value);
                setAmountTouched(true);
              }}
            />
          </label>
          <p className="muted small">{t('aftersales.form.amountMax', { amount: formatFen(refundable) })}</p>
        </section>
      ) : null}
      <section className="section">
        <h3>
          {t('aftersales.form.photos')}
          {type === 'fresh_claim' && <span className="as-required"> *</span>}
        </h3>
        <p className="muted small">
          {t(type === 'fresh_claim' ? 'aftersales.form.photosRequired' : 'aftersales.form.photosHint')}
        </p>
        <EvidencePicker onChange={setPhotos} />
      </section>
      <section className="section">
        <h3>{t('aftersales.form.note')}</h3>
        <textarea
          className="as-textarea"
          name="note"
          rows={3}
          maxLength={500}
          value={note}
          placeholder={t('aftersales.form.notePlaceholder')}
          aria-label={t('aftersales.form.note')}
          onChange={(e) => setNote(e.target.value)}
        />
      </section>
      <section className="section">
        {tried && problem && (
          <p className="error-note" role="alert" data-testid="form-problem">
            {t(`aftersales.form.${problem}`)}
          </p>
        )}
        {error != null && <CaseErrorNote error={error} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="case-submit">
          {t('aftersales.form.submit')}
        </button>
      </section>
    </form>
  );
}
