import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Input, InputNumber, Modal, Select, Space, TextArea, Toast } from '@douyinfe/semi-ui-19';
import { supplyApi, type Batch } from '../../../../api/supply';
import { shanghaiDay, shanghaiDayStart } from '../../../shop/origin-dates';
import { errorText, LoadingBlock, useLoad } from '../../shell/common';
import { Field } from './Field';

const CODE = /^[A-Za-z0-9-]{2,40}$/;

/** New batch (product → SKU, supplier, base, code, harvest date, quantity, shelf life) or an edit (SKU fixed; quantity fixed once received). */
export function BatchModal({
  shopId,
  batch,
  onClose,
  onSaved,
}: {
  shopId: string;
  batch: Batch | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const refs = useLoad(
    () =>
      Promise.all([
        supplyApi.suppliers(shopId),
        supplyApi.bases(shopId),
        batch ? Promise.resolve([]) : supplyApi.products(shopId),
      ]),
    [shopId],
  );
  const today = shanghaiDay(Date.now());
  const [productId, setProductId] = useState(batch?.productId ?? '');
  const [skuId, setSkuId] = useState(batch?.skuId ?? '');
  const skus = useLoad(() => (productId && !batch ? supplyApi.skus(productId) : Promise.resolve([])), [productId]);
  const [supplierId, setSupplierId] = useState(batch?.supplierId ?? '');
  const [baseId, setBaseId] = useState(batch?.baseId ?? '');
  const [code, setCode] = useState(batch?.code ?? '');
  const [day, setDay] = useState(batch ? shanghaiDay(batch.harvestedAt) : today);
  const [quantity, setQuantity] = useState<number | null>(batch?.quantity ?? null);
  const [shelfLife, setShelfLife] = useState<number | null>(batch?.shelfLifeDays ?? null);
  const [note, setNote] = useState(batch?.note ?? '');
  const [busy, setBusy] = useState(false);

  const harvestedAt = shanghaiDayStart(day);
  const future = day > today;
  const valid =
    (batch || skuId) &&
    supplierId &&
    CODE.test(code.trim()) &&
    harvestedAt !== null &&
    !future &&
    quantity !== null &&
    Number.isInteger(quantity) &&
    quantity >= 1;

  async function save() {
    if (!valid || harvestedAt === null || quantity === null) return;
    setBusy(true);
    try {
      const body = {
        supplierId,
        baseId: baseId || null,
        code: code.trim(),
        harvestedAt,
        quantity,
        shelfLifeDays: shelfLife || null,
        note,
      };
      await (batch ? supplyApi.updateBatch(batch.id, body) : supplyApi.createBatch(shopId, { ...body, skuId }));
      Toast.success(t('consoleUi.saved'));
      onSaved();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  const [suppliers, bases, products] = refs.data ?? [[], [], []];
  // A base run by a supplier goes with that supplier only (the server refuses the mix).
  const usableBases = bases.filter((b) => !b.supplierId || b.supplierId === supplierId);
  return (
    <Modal
      visible
      closeOnEsc
      title={batch ? t('supply.batches.edit') : t('supply.batches.add')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('consoleUi.save')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ disabled: !valid, loading: busy, ...({ 'data-testid': 'batch-save' } as object) }}
    >
      {refs.data === null ? (
        <LoadingBlock rows={6} />
      ) : (
        <Space vertical align="start" style={{ width: '100%' }}>
          {suppliers.length === 0 && (
            <Banner type="warning" closeIcon={null} description={t('supply.batches.needSupplier')} />
          )}
          {batch ? (
            <Banner
              type="info"
              closeIcon={null}
              description={`${batch.productTitle} · ${batch.specValues.join(' / ')} — ${t('supply.batches.skuFixed')}`}
            />
          ) : (
            <>
              <label className="cs-muted" htmlFor="batch-product">
                {t('supply.batches.product')}
              </label>
              <Select
                id="batch-product"
                filter
                style={{ width: '100%' }}
                placeholder={t('supply.batches.chooseProduct')}
                value={productId || undefined}
                onChange={(v) => {
                  setProductId(String(v));
                  setSkuId('');
                }}
                optionList={products.map((p) => ({ value: p.id, label: p.title }))}
              />
              <label className="cs-muted" htmlFor="batch-sku">
                {t('supply.batches.sku')}
              </label>
              <Select
                id="batch-sku"
                style={{ width: '100%' }}
                placeholder={t('supply.batches.chooseSku')}
                disabled={!productId}
                value={skuId || undefined}
                onChange={(v) => setSkuId(String(v))}
                optionList={(skus.data ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.specValues.join(' / ') || '—'} · ${s.stock}`,
                }))}
              />
            </>
          )}
          <label className="cs-muted" htmlFor="batch-supplier">
            {t('supply.batches.supplier')}
          </label>
          <Select
            id="batch-supplier"
            style={{ width: '100%' }}
            placeholder={t('supply.batches.chooseSupplier')}
            value={supplierId || undefined}
            onChange={(v) => {
              setSupplierId(String(v));
              setBaseId('');
            }}
            optionList={suppliers.map((s) => ({ value: s.id, label: s.name }))}
          />
          <label className="cs-muted" htmlFor="batch-base">
            {t('supply.batches.base')}
          </label>
          <Select
            id="batch-base"
            style={{ width: '100%' }}
            value={baseId}
            onChange={(v) => setBaseId(String(v ?? ''))}
            optionList={[
              { value: '', label: t('supply.none') },
              ...usableBases.map((b) => ({ value: b.id, label: `${b.name} · ${b.province}${b.city}` })),
            ]}
          />
          <label className="cs-muted" htmlFor="batch-code">
            {t('supply.batches.code')}
          </label>
          <Input
            id="batch-code"
            value={code}
            onChange={setCode}
            maxLength={40}
            placeholder="BC-20261120-01"
            validateStatus={code && !CODE.test(code.trim()) ? 'error' : 'default'}
          />
          <span className="cs-muted" style={{ fontSize: 12 }}>
            {t('supply.batches.codeHint')}
          </span>
          <div className="cs-form-row">
            <Field id="batch-day" label={t('supply.batches.harvestedAt')}>
              <Input
                id="batch-day"
                type="date"
                value={day}
                max={today}
                onChange={setDay}
                validateStatus={future || harvestedAt === null ? 'error' : 'default'}
              />
            </Field>
            <Field id="batch-qty" label={t('supply.batches.quantity')}>
              <InputNumber
                id="batch-qty"
                min={1}
                max={10_000_000}
                precision={0}
                value={quantity ?? undefined}
                disabled={batch?.status === 'received'}
                onChange={(v) => setQuantity(typeof v === 'number' ? v : null)}
              />
            </Field>
            <Field id="batch-shelf" label={t('supply.batches.shelfLife')}>
              <InputNumber
                id="batch-shelf"
                min={1}
                max={3650}
                precision={0}
                value={shelfLife ?? undefined}
                onChange={(v) => setShelfLife(typeof v === 'number' ? v : null)}
              />
            </Field>
          </div>
          {future && (
            <span style={{ color: 'var(--semi-color-danger)', fontSize: 12 }}>{t('supply.batches.futureDate')}</span>
          )}
          {batch?.status === 'received' && (
            <span className="cs-muted" style={{ fontSize: 12 }}>
              {t('supply.batches.quantityFixed')}
            </span>
          )}
          <label className="cs-muted" htmlFor="batch-note">
            {t('supply.batches.note')}
          </label>
          <TextArea id="batch-note" value={note} onChange={setNote} maxCount={500} rows={2} />
        </Space>
      )}
    </Modal>
  );
}
