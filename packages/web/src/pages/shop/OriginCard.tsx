/**
 * 溯源卡: where a product's food comes from — base, region, supplier, harvest date, batch code,
 * the latest quality check with its date, photos. On the product page for the batch being sold
 * now (the chosen SKU's, else the product's); on an order line for the batch(es) it shipped from.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { supplyApi, type LineOrigin, type OriginCardData, type ProductOrigin } from '../../api/supply';
import { shanghaiDay } from './origin-dates';
import './origin-card.css';

/** The product page's card; renders nothing when no batch with units left is recorded. */
export function OriginCard({ productId, skuId }: { productId: string; skuId?: string | null }) {
  const [origin, setOrigin] = useState<ProductOrigin | null>(null);
  useEffect(() => {
    let live = true;
    setOrigin(null);
    supplyApi.productOrigin(productId).then(
      (o) => live && setOrigin(o),
      () => live && setOrigin(null), // no card rather than an error: the rest of the page matters more
    );
    return () => {
      live = false;
    };
  }, [productId]);
  const card = (skuId ? origin?.bySku[skuId] : undefined) ?? origin?.current ?? null;
  if (!card) return null;
  return <OriginDetails card={card} />;
}

function OriginDetails({ card }: { card: OriginCardData }) {
  const { t } = useTranslation();
  const made = card.base?.kind === 'factory';
  const rows: Array<[string, string]> = [];
  if (card.base) rows.push([t('supply.origin.base'), `${card.base.name} · ${t(`supply.kind.${card.base.kind}`)}`]);
  if (card.base) rows.push([t('supply.origin.region'), `${card.base.province} ${card.base.city}`]);
  rows.push([t('supply.origin.supplier'), card.supplier.name]);
  rows.push([
    made ? t('supply.origin.producedOn') : t('supply.origin.harvestedOn'),
    shanghaiDay(card.batch.harvestedAt),
  ]);
  rows.push([t('supply.origin.batchCode'), card.batch.code]);
  if (card.batch.bestBefore !== null) rows.push([t('supply.origin.bestBefore'), shanghaiDay(card.batch.bestBefore)]);
  return (
    <section className="section origin-card" data-testid="origin-card" aria-label={t('supply.origin.title')}>
      <div className="origin-head">
        <h3>{t('supply.origin.title')}</h3>
        <QcBadge qc={card.qc} />
      </div>
      {card.base?.description && <p className="origin-desc">{card.base.description}</p>}
      <dl className="origin-rows">
        {rows.map(([k, v]) => (
          <div key={k} className="origin-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {card.photos.length > 0 && (
        <div className="origin-photos">
          {card.photos.map((url) => (
            <a key={url} href={url} target="_blank" rel="noreferrer">
              <img src={url} alt={t('supply.origin.photo')} loading="lazy" />
            </a>
          ))}
        </div>
      )}
    </section>
  );
}

function QcBadge({ qc }: { qc: OriginCardData['qc'] }) {
  const { t } = useTranslation();
  if (!qc) return <span className="origin-qc none">{t('supply.origin.notChecked')}</span>;
  const text =
    qc.result === 'pass'
      ? t('supply.origin.qcPassed', { date: shanghaiDay(qc.checkedAt) })
      : t('supply.origin.qcFailed', { date: shanghaiDay(qc.checkedAt) });
  return (
    <span className={`origin-qc ${qc.result}`} data-testid="origin-qc">
      {text}
    </span>
  );
}

/** The compact origin of an order line: one line per batch it shipped from (none before shipping). */
export function LineOriginNote({ line }: { line: { id: string; origin?: LineOrigin[] } }) {
  const { t } = useTranslation();
  if (!line.origin || line.origin.length === 0) return null;
  return (
    <span className="line-origin" data-testid="line-origin">
      {line.origin.map((o) => (
        <span key={o.batch.id}>
          {t('supply.origin.lineNote', {
            code: o.batch.code,
            place: o.base ? `${o.base.province}${o.base.city}` : o.supplier.name,
            date: shanghaiDay(o.batch.harvestedAt),
          })}
          {line.origin!.length > 1 ? ` ×${o.quantity}` : ''}
          {o.qc?.result === 'pass' ? ` · ${t('supply.origin.qcShort')}` : ''}
        </span>
      ))}
    </span>
  );
}
