import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, CheckboxGroup, Input, Modal, Select, Space, Toast } from '@douyinfe/semi-ui-19';
import { consoleApi, type OrderDetail } from '../api';
import { errorText, useLoad } from '../shell/common';

/** The carrier picked first (the carriers and their formats come from GET /logistics/carriers). */
const FIRST_CARRIER = '顺丰速运';

/** 发货: carrier + tracking number, optionally only some of the lines not yet in a parcel. */
export function ShipModal({
  order,
  onClose,
  onShipped,
}: {
  order: OrderDetail;
  onClose: () => void;
  onShipped: () => void;
}) {
  const { t } = useTranslation();
  const shipped = new Set(order.shipments.flatMap((s) => s.lineIds));
  const pending = order.lines.filter((l) => !shipped.has(l.id));
  const [carrier, setCarrier] = useState(FIRST_CARRIER);
  const [trackingNo, setTrackingNo] = useState('');
  const [partial, setPartial] = useState(false);
  const [lineIds, setLineIds] = useState<string[]>(pending.map((l) => l.id));
  const [busy, setBusy] = useState(false);
  const validNo = /^[A-Za-z0-9-]{6,40}$/.test(trackingNo.trim());
  const formats = useLoad(() => consoleApi.carriers(), []);
  const format = formats.data?.find((f) => f.carrier === carrier);
  // A number that does not look like the chosen carrier's is most often the wrong carrier picked: say so, but let it through.
  const unlike = Boolean(format && validNo && !new RegExp(format.pattern).test(trackingNo.trim()));

  async function submit() {
    setBusy(true);
    try {
      const parcel = { carrier, trackingNo: trackingNo.trim(), ...(partial ? { lineIds } : {}) };
      const res = await consoleApi.ship(order.id, [parcel]);
      Toast.success(res.status === 'shipped' ? t('consoleUi.ship.done') : t('consoleUi.ship.partDone'));
      onShipped();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      visible
      closeOnEsc
      title={t('consoleUi.ship.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('consoleUi.ship.confirm')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{
        disabled: !validNo || carrier.length < 2 || (partial && lineIds.length === 0),
        loading: busy,
        ...({ 'data-testid': 'ship-confirm' } as object),
      }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <label className="cs-muted" htmlFor="ship-carrier">
          {t('consoleUi.ship.carrier')}
        </label>
        <Select
          id="ship-carrier"
          style={{ width: '100%' }}
          value={carrier}
          onChange={(v) => setCarrier(String(v))}
          filter
          allowCreate
          optionList={(formats.data ?? [{ carrier: FIRST_CARRIER }]).map((f) => ({
            value: f.carrier,
            label: f.carrier,
          }))}
          data-testid="ship-carrier"
        />
        <label className="cs-muted" htmlFor="ship-no">
          {t('consoleUi.ship.trackingNo')}
        </label>
        <Input
          id="ship-no"
          value={trackingNo}
          onChange={setTrackingNo}
          placeholder={format?.example ?? 'SF1428301675942'}
          validateStatus={trackingNo && !validNo ? 'error' : unlike ? 'warning' : 'default'}
          data-testid="ship-tracking"
        />
        {trackingNo && !validNo && (
          <span style={{ color: 'var(--semi-color-danger)', fontSize: 12 }}>{t('consoleUi.ship.trackingHint')}</span>
        )}
        {unlike && format && (
          <span style={{ color: 'var(--semi-color-warning)', fontSize: 12 }} data-testid="ship-format-hint">
            {t('consoleUi.ship.formatHint', { carrier: format.carrier, example: format.example })}
          </span>
        )}
        {pending.length > 1 && (
          <>
            <Checkbox checked={partial} onChange={(e) => setPartial(Boolean(e.target.checked))}>
              {t('consoleUi.ship.partial')}
            </Checkbox>
            {partial && (
              <CheckboxGroup value={lineIds} onChange={(v) => setLineIds(v.map(String))} direction="vertical">
                {pending.map((l) => (
                  <Checkbox key={l.id} value={l.id}>
                    {l.title} {l.specValues.join(' / ')} ×{l.quantity}
                  </Checkbox>
                ))}
              </CheckboxGroup>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
