import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Table, Typography } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../../lib/format';
import type { CapacityProjection } from '../../ops-api';
import { hoursLate, planDays, type DayPlan } from './capacity-figures';
import { useChart, type ChartOption } from './charts';

type AtRisk = CapacityProjection['atRisk'][number];

/** 发货排期预测: projected shipments per day against the capacity, and the paid orders that would miss their deadline. */
export function ProjectionCard({
  projection,
  now,
  onOpenOrder,
}: {
  projection: CapacityProjection;
  now: number;
  onOpenOrder: (orderId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const plan = useMemo(() => planDays(projection, now), [projection, now]);
  const when = (ms: number) => formatDateTime(ms, i18n.language);
  return (
    <Card title={t('ops.capacity.projectionTitle')} data-testid="projection-card">
      <ProjectionChart plan={plan} />
      {plan.later > 0 && <p className="cs-muted">{t('ops.capacity.later', { count: plan.later })}</p>}
      <Typography.Title heading={6} className="ff-subtitle">
        {t('ops.capacity.atRisk')}
      </Typography.Title>
      {projection.atRisk.length === 0 ? (
        <p className="cs-muted" data-testid="at-risk-none">
          {t('ops.capacity.atRiskNone')}
        </p>
      ) : (
        <Table
          size="small"
          rowKey="orderId"
          dataSource={projection.atRisk}
          pagination={projection.atRisk.length > 10 ? { pageSize: 10 } : false}
          data-testid="at-risk-table"
          columns={[
            {
              title: t('ops.deadlines.order'),
              dataIndex: 'orderId',
              render: (id: string) => (
                <Button theme="borderless" size="small" onClick={() => onOpenOrder(id)}>
                  <span className="cs-mono">{id}</span>
                </Button>
              ),
            },
            { title: t('ops.capacity.shipBy'), dataIndex: 'shipBy', render: (v: number) => when(v) },
            {
              title: t('ops.capacity.projected'),
              dataIndex: 'projectedShipAt',
              render: (v: number, o: AtRisk) => (
                <span className="cs-countdown-urgent">
                  {when(v)} · {t('ops.capacity.late', { h: hoursLate(o) })}
                </span>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function ProjectionChart({ plan }: { plan: DayPlan }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const labels = plan.days.map((d) => d.label);
    const bar = (name: string, color: string, values: number[]) => ({
      type: 'bar' as const,
      name,
      stack: 'ship',
      barMaxWidth: 28,
      itemStyle: { color },
      data: values,
    });
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      grid: { left: 44, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: labels, axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        bar(
          t('ops.capacity.chartShipped'),
          '#9aa4b2',
          plan.days.map((d) => d.shipped),
        ),
        bar(
          t('ops.capacity.chartPaid'),
          '#fe2c55',
          plan.days.map((d) => d.paid),
        ),
        bar(
          t('ops.capacity.chartUnpaid'),
          '#ffb3c0',
          plan.days.map((d) => d.unpaid),
        ),
        {
          type: 'line',
          name: t('ops.capacity.chartCapacity'),
          step: 'middle',
          symbol: 'none',
          lineStyle: { color: '#1664c0', width: 2, type: 'dashed' },
          itemStyle: { color: '#1664c0' },
          data: plan.days.map((d) => d.capacity),
        },
      ],
    } as ChartOption;
  }, [plan, t]);
  const ref = useChart(option);
  const summary = plan.days.map((d) => `${d.label}: ${d.shipped + d.paid + d.unpaid}/${d.capacity}`).join('; ');
  return (
    <div
      ref={ref}
      className="ff-chart"
      role="img"
      aria-label={`${t('ops.capacity.projectionTitle')} — ${summary}`}
      data-testid="projection-chart"
      data-days={plan.days.length}
    />
  );
}
