import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PerformanceRow } from '../../../../api/affiliate';
import { useChart, type ChartOption } from '../fulfilment/charts';

const TOP = 10;
const yuan = (fen: number): number => fen / 100;

/** The top creators (or products) by GMV as bars: GMV and the commissions they cost, in ¥. */
export function PerformanceChart({ rows }: { rows: PerformanceRow[] }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const top = rows.slice(0, TOP);
    const names = top.map((r) => r.label || r.key || t('affiliate.perf.none'));
    const commission = top.map((r) => yuan(r.creatorFen + r.mcnFen + r.colonelFen));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `¥${Number(v).toFixed(2)}` },
      legend: { data: [t('affiliate.perf.gmv'), t('affiliate.perf.commission')] },
      grid: { left: 48, right: 16, top: 36, bottom: 56 },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: { interval: 0, rotate: names.length > 4 ? 20 : 0, width: 96, overflow: 'truncate' },
      },
      yAxis: { type: 'value', axisLabel: { formatter: '¥{value}' } },
      series: [
        {
          name: t('affiliate.perf.gmv'),
          type: 'bar',
          data: top.map((r) => yuan(r.gmvFen)),
          itemStyle: { color: '#fe2c55' },
        },
        { name: t('affiliate.perf.commission'), type: 'bar', data: commission, itemStyle: { color: '#7b5cff' } },
      ],
    };
  }, [rows, t]);
  const ref = useChart(option);
  if (rows.length === 0) return null;
  return (
    <div
      ref={ref}
      style={{ height: 260, marginBottom: 12 }}
      data-testid="merchant-perf-chart"
      role="img"
      aria-label={t('affiliate.perf.chartLabel')}
    />
  );
}
