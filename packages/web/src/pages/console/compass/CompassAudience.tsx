import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Typography } from '@douyinfe/semi-ui-19';
import { LoadView, useLoad } from '../shell/common';
import { compassApi, type Breakdown, type CompassScope, type Overview } from './compass-api';
import { useAnyChart } from './compass-charts';

interface AudienceData {
  regions: Breakdown;
  bands: Breakdown;
  categories: Breakdown;
  overview: Overview;
}

const BAND_ORDER = ['0-50', '50-100', '100-200', '200-500', '500+'];

/** 人群画像: regions (province of the order's address), new vs returning, price bands, interest categories. */
export function CompassAudience({ scope, from, to }: { scope: CompassScope; from: string; to: string }) {
  const { t } = useTranslation();
  const key = scope.scope === 'shop' ? scope.shopId : scope.scope;
  const state = useLoad(async (): Promise<AudienceData> => {
    const [regions, bands, categories, overview] = await Promise.all([
      compassApi.breakdown(scope, 'region', from, to),
      compassApi.breakdown(scope, 'price_band', from, to),
      compassApi.breakdown(scope, 'category', from, to),
      compassApi.overview(scope, from, to),
    ]);
    return { regions, bands, categories, overview };
  }, [key, from, to]);
  return (
    <Card title={t('compass.audience.title')} className="cp-section" data-testid="compass-audience">
      <Typography.Paragraph type="tertiary">{t('compass.audience.hint')}</Typography.Paragraph>
      <LoadView state={state} rows={4}>
        {(d) => <AudienceBody d={d} />}
      </LoadView>
    </Card>
  );
}

function AudienceBody({ d }: { d: AudienceData }) {
  const { t } = useTranslation();
  const regionName = (id: string) => (id === 'unknown' ? t('compass.audience.unknownRegion') : id);
  const regions = useMemo(
    () =>
      bar(
        d.regions.rows
          .slice(0, 12)
          .map((r) => ({ name: regionName(r.id), value: r.values.buyers ?? r.values.orders ?? 0 }))
          .reverse(),
        t('compass.metric.buyers'),
      ),
    [d, t],
  );
  const bands = useMemo(() => {
    const byId = new Map(d.bands.rows.map((r) => [r.id, r]));
    return bar(
      BAND_ORDER.map((b) => ({ name: `¥${b}`, value: Number(((byId.get(b)?.values.gmv ?? 0) / 100).toFixed(2)) })),
      t('compass.metric.gmv'),
      false,
    );
  }, [d, t]);
  const newReturning = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          data: [
            { name: t('compass.metric.new_buyers'), value: d.overview.values.new_buyers ?? 0 },
            { name: t('compass.metric.returning_buyers'), value: d.overview.values.returning_buyers ?? 0 },
          ],
        },
      ],
    }),
    [d, t],
  );
  const interests = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 100, right: 30, top: 30, bottom: 20 },
      xAxis: [{ type: 'value', minInterval: 1 }],
      yAxis: {
        type: 'category',
        data: d.categories.rows
          .slice(0, 8)
          .map((r) => r.name)
          .reverse(),
      },
      series: [
        {
          name: t('compass.metric.impressions'),
          type: 'bar',
          data: d.categories.rows
            .slice(0, 8)
            .map((r) => r.values.impressions ?? 0)
            .reverse(),
        },
        {
          name: t('compass.metric.orders'),
          type: 'bar',
          data: d.categories.rows
            .slice(0, 8)
            .map((r) => r.values.orders ?? 0)
            .reverse(),
        },
      ],
    }),
    [d, t],
  );
  return (
    <div className="cp-audience">
      <Chart title={t('compass.audience.regions')} option={regions} testId="compass-audience-regions" />
      <Chart title={t('compass.audience.newReturning')} option={newReturning} testId="compass-audience-new" />
      <Chart title={t('compass.audience.priceBands')} option={bands} testId="compass-audience-bands" />
      <Chart title={t('compass.audience.interests')} option={interests} testId="compass-audience-interests" />
    </div>
  );
}

function bar(data: Array<{ name: string; value: number }>, name: string, horizontal = true) {
  return horizontal
    ? {
        tooltip: { trigger: 'axis' },
        grid: { left: 80, right: 30, top: 10, bottom: 20 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: data.map((x) => x.name) },
        series: [{ name, type: 'bar', barMaxWidth: 14, data: data.map((x) => x.value) }],
      }
    : {
        tooltip: { trigger: 'axis' },
        grid: { left: 60, right: 20, top: 10, bottom: 28 },
        xAxis: { type: 'category', data: data.map((x) => x.name) },
        yAxis: { type: 'value', name: '¥' },
        series: [{ name, type: 'bar', barMaxWidth: 28, data: data.map((x) => x.value) }],
      };
}

function Chart({ title, option, testId }: { title: string; option: Record<string, unknown>; testId: string }) {
  const ref = useAnyChart(option);
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <div ref={ref} className="cp-chart-small" data-testid={testId} role="img" aria-label={title} />
    </div>
  );
}
