import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, Card, Input, InputNumber, Select, Table, Tag, Toast } from '@douyinfe/semi-ui-19';
import { liveApi, type FlashSale, type Room } from '../../../../api/live';
import { formatDateTime } from '../../../../lib/format';
import { formatFen } from '../../../../lib/money';
import { errorText } from '../../shell/common';
import { checkSaleForm, type SaleFormValues } from './sale-form';

const START_CHOICES = [0, 1, 5, 10, 30];
const SALE_COLOR = { scheduled: 'blue', open: 'red', ended: 'grey' } as const;

/** 秒杀: a price, a quantity and a per-person limit for one SKU of a bag product, in a window; the room's sales with live stock. */
export function FlashSaleCard({ room, onChanged }: { room: Room; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const [productId, setProductId] = useState<string | null>(room.pinned?.id ?? null);
  const [values, setValues] = useState<SaleFormValues>({
    skuId: null,
    priceYuan: '',
    quantity: 10,
    perPersonLimit: 2,
    startInMinutes: 0,
    durationMinutes: 10,
  });
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const skus = room.bag.find((b) => b.id === productId)?.skus ?? [];
  const sku = skus.find((s) => s.id === values.skuId) ?? null;
  const check = checkSaleForm(values, sku ? { priceFen: sku.priceFen, stock: sku.stock } : null, Date.now());
  const set = (patch: Partial<SaleFormValues>) => setValues((v) => ({ ...v, ...patch }));
  async function start() {
    setTried(true);
    if (!check.ok) return;
    setBusy(true);
    try {
      await liveApi.startSale(room.id, check.input);
      Toast.success(t('liveConsole.sale.started'));
      setTried(false);
      onChanged();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="lc-card" title={t('liveConsole.sale.title')} data-testid="live-sale-card">
      <div className="lc-form">
        <label>
          <span>{t('liveConsole.sale.product')}</span>
          <Select
            value={productId ?? undefined}
            onChange={(v) => (setProductId(String(v)), set({ skuId: null }))}
            optionList={room.bag.map((b) => ({ value: b.id, label: b.title }))}
            placeholder={t('liveConsole.sale.pickProduct')}
            style={{ width: '100%' }}
            data-testid="live-sale-product"
          />
        </label>
        <label>
          <span>{t('liveConsole.sale.sku')}</span>
          <Select
            value={values.skuId ?? undefined}
            onChange={(v) => set({ skuId: String(v) })}
            optionList={skus.map((s) => ({
              value: s.id,
              label: `${s.specValues.join(' / ') || t('liveConsole.sale.defaultSku')} · ${formatFen(s.priceFen)} · ${t('liveConsole.sale.stock', { n: s.stock })}`,
              disabled: s.stock <= 0,
            }))}
            placeholder={t('liveConsole.sale.pickSku')}
            style={{ width: '100%' }}
            data-testid="live-sale-sku"
          />
        </label>
        <label>
          <span>{t('liveConsole.sale.price')}</span>
          <Input
            prefix="¥"
            value={values.priceYuan}
            onChange={(v) => set({ priceYuan: v })}
            placeholder={sku ? formatFen(Math.floor(sku.priceFen * 0.8)).slice(1) : ''}
            data-testid="live-sale-price"
          />
        </label>
        <label>
          <span>{t('liveConsole.sale.quantity')}</span>
          <InputNumber
            min={1}
            value={values.quantity ?? undefined}
            onChange={(v) => set({ quantity: typeof v === 'number' ? v : null })}
            data-testid="live-sale-quantity"
          />
        </label>
        <label>
          <span>{t('liveConsole.sale.limit')}</span>
          <InputNumber
            min={1}
            max={99}
            value={values.perPersonLimit ?? undefined}
            onChange={(v) => set({ perPersonLimit: typeof v === 'number' ? v : null })}
            data-testid="live-sale-limit"
          />
        </label>
        <label>
          <span>{t('liveConsole.sale.startIn')}</span>
          <Select
            value={values.startInMinutes}
            onChange={(v) => set({ startInMinutes: Number(v) })}
            optionList={START_CHOICES.map((m) => ({
              value: m,
              label: m === 0 ? t('liveConsole.sale.now') : t('liveConsole.sale.inMinutes', { n: m }),
            }))}
            style={{ width: '100%' }}
          />
        </label>
        <label>
          <span>{t('liveConsole.sale.duration')}</span>
          <InputNumber
            min={1}
            max={1440}
            suffix={t('liveConsole.minutes')}
            value={values.durationMinutes ?? undefined}
            onChange={(v) => set({ durationMinutes: typeof v === 'number' ? v : null })}
            data-testid="live-sale-duration"
          />
        </label>
      </div>
      {tried && !check.ok && (
        <Banner
          type="warning"
          fullMode={false}
          closeIcon={null}
          description={t(`liveConsole.sale.errors.${check.reason}`)}
          data-testid="live-sale-invalid"
        />
      )}
      <Button
        theme="solid"
        type="primary"
        loading={busy}
        disabled={room.bag.length === 0}
        onClick={() => void start()}
        data-testid="live-sale-start"
        style={{ marginTop: 12 }}
      >
        {t('liveConsole.sale.start')}
      </Button>
      {room.sales.length > 0 && (
        <Table<FlashSale>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={[...room.sales].sort((a, b) => b.startsAt - a.startsAt)}
          onRow={(s?: FlashSale) => ({ 'data-testid': 'live-sale-row', 'data-sale-id': s?.id }) as object}
          style={{ marginTop: 12 }}
          columns={[
            { title: t('liveConsole.sale.product'), render: (_: unknown, s: FlashSale) => s.label },
            { title: t('liveConsole.price'), render: (_: unknown, s: FlashSale) => formatFen(s.priceFen) },
            {
              title: t('liveConsole.sale.remainingCol'),
              render: (_: unknown, s: FlashSale) => (
                <span data-testid="live-sale-remaining">{`${s.remaining}/${s.quantity}`}</span>
              ),
            },
            {
              title: t('liveConsole.status'),
              render: (_: unknown, s: FlashSale) => (
                <Tag color={SALE_COLOR[s.status]}>{t(`liveConsole.sale.statuses.${s.status}`)}</Tag>
              ),
            },
            {
              title: t('liveConsole.when'),
              render: (_: unknown, s: FlashSale) =>
                `${formatDateTime(s.startsAt, i18n.language).slice(-5)}–${formatDateTime(s.endsAt, i18n.language).slice(-5)}`,
            },
          ]}
        />
      )}
    </Card>
  );
}
