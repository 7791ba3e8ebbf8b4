import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, Card, Descriptions, Input, Toast } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../../lib/format';
import { opsApi, type CapacityProjection } from '../../ops-api';
import { EmptyState, errorText } from '../../shell/common';
import { checkCapacity, gaugeFigures, type GaugeFigures } from './capacity-figures';
import { useChart, type ChartOption } from './charts';
import './fulfilment.css';

const LEVEL_BANNER = { none: 'info', ok: 'success', near: 'warning', full: 'danger' } as const;

/** 产能负荷: the gauge (load against the declared capacity), the figures behind it and the form to declare the capacity. */
export function CapacityCard({
  shopId,
  projection,
  onChanged,
}: {
  shopId: string;
  projection: CapacityProjection;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const g = gaugeFigures(projection);
  const when = (ms: number | null) => (ms === null ? '—' : formatDateTime(ms, i18n.language));
  const orders = (n: number) => t('ops.capacity.orders', { count: n });
  return (
    <Card title={t('ops.capacity.gaugeTitle')} data-testid="capacity-card">
      {g.level === 'none' ? (
        <EmptyState title={t('ops.capacity.notDeclared')}>
          <p className="cs-muted ff-hint">{t('ops.capacity.notDeclaredHint')}</p>
        </EmptyState>
      ) : (
        <>
          <CapacityGauge g={g} />
          <div data-testid="capacity-level" data-level={g.level}>
            <Banner
              type={LEVEL_BANNER[g.level]}
              fullMode={false}
              closeIcon={null}
              description={t(`ops.capacity.level.${g.level}`)}
            />
          </div>
          <Descriptions
            size="small"
            className="ff-figures"
            data={[
              { key: t('ops.capacity.paidUnshipped'), value: orders(projection.backlog) },
              { key: t('ops.capacity.unpaidHeld'), value: orders(projection.pending) },
              { key: t('ops.capacity.shippedToday'), value: orders(projection.shippedToday) },
              {
                key: t('ops.capacity.perDay'),
                value: <span data-testid="capacity-per-day">{`${g.capacityPerDay} ${t('ops.capacity.unit')}`}</span>,
              },
              {
                key: t('ops.capacity.clearAt'),
                value: `${when(projection.projectedClearAt)}${g.daysOfWork ? ` · ${t('ops.capacity.daysOfWork', { days: g.daysOfWork })}` : ''}`,
              },
              { key: t('ops.capacity.newOrderShipAt'), value: when(projection.newOrderShipAt) },
            ]}
          />
        </>
      )}
      <CapacityForm
        key={projection.capacityPerDay ?? 'none'}
        shopId={shopId}
        current={projection.capacityPerDay}
        onSaved={onChanged}
      />
    </Card>
  );
}

/** The load gauge alone (also on the dashboard). */
export function CapacityGauge({ g }: { g: GaugeFigures }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      series: [
        {
          type: 'gauge',
          min: 0,
          max: 100,
          startAngle: 210,
          endAngle: -30,
          radius: '95%',
          center: ['50%', '58%'],
          axisLine: {
            lineStyle: {
              width: 14,
              color: [
                [g.nearPercent / 100, '#3bb346'],
                [0.99, '#fc8800'],
                [1, '#f5222d'],
              ],
            },
          },
          pointer: { width: 5, length: '58%', itemStyle: { color: 'auto' } },
          axisTick: { show: false },
          splitLine: { distance: -14, length: 14, lineStyle: { color: '#fff', width: 2 } },
          axisLabel: { distance: 20, fontSize: 10, color: '#888' },
          detail: { formatter: '{value}%', fontSize: 24, fontWeight: 600, offsetCenter: [0, '38%'], color: 'inherit' },
          title: { offsetCenter: [0, '68%'], fontSize: 12, color: '#888' },
          data: [{ value: g.percent, name: t('ops.capacity.gaugeName') }],
        },
      ],
    }),
    [g.percent, g.nearPercent, t],
  );
  const ref = useChart(option);
  const label = `${t('ops.capacity.gaugeName')} ${g.percent}% · ${t('ops.capacity.perDay')} ${g.capacityPerDay}`;
  return (
    <div
      ref={ref}
      className="ff-gauge"
      role="img"
      aria-label={label}
      data-testid="capacity-gauge"
      data-percent={g.percent}
      data-level={g.level}
    />
  );
}

function CapacityForm({ shopId, current, onSaved }: { shopId: string; current: number | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(current === null ? '' : String(current));
  const [busy, setBusy] = useState(false);
  const check = checkCapacity(text);
  const changed = check.ok && check.value !== current;

  async function save() {
    if (!check.ok) return;
    setBusy(true);
    try {
      const saved = await opsApi.setCapacity(shopId, check.value);
      Toast.success(t('ops.capacity.saved', { count: saved.capacityPerDay ?? check.value }));
      onSaved();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="ff-capacity-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-label={t('ops.capacity.declareTitle')}
    >
      <label htmlFor="ff-capacity" className="ff-form-label">
        {t('ops.capacity.declareLabel')}
      </label>
      <div className="cs-form-row">
        <Input
          id="ff-capacity"
          value={text}
          onChange={setText}
          inputMode="numeric"
          suffix={t('ops.capacity.unit')}
          style={{ width: 220 }}
          validateStatus={text !== '' && !check.ok ? 'error' : 'default'}
          data-testid="capacity-input"
        />
        <Button theme="solid" htmlType="submit" disabled={!changed} loading={busy} data-testid="capacity-save">
          {t('ops.capacity.save')}
        </Button>
      </div>
      {text !== '' && !check.ok ? (
        <span className="ff-error" role="alert">
          {t(`ops.capacity.errors.${check.reason}`)}
        </span>
      ) : (
        <span className="cs-muted ff-hint">{t('ops.capacity.declareHint')}</span>
      )}
    </form>
  );
}
