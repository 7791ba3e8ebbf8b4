import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Table, Tag, Tooltip, Typography } from '@douyinfe/semi-ui-19';
import { IconHelpCircle } from '@douyinfe/semi-icons';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { formatFen } from '../../../lib/money';
import { formatSpend } from '../ads/ads-api';
import { compassApi, type CompassAds as Report, type CompassScope } from './compass-api';
import { formatCount } from './compass-format';
import { useAnyChart } from './compass-charts';

type Row = Report['total'];
type CampaignRow = Report['campaigns'][number];

/** HH:00 (and the date when the range spans days) of an hour in China time. */
const chinaHour = (ms: number, withDate: boolean): string => {
  const iso = new Date(ms + 8 * 3_600_000).toISOString();
  return withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
};
const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;

/** The report's metrics in order, each with how a row shows it. */
const METRICS: Array<{ k: string; show: (r: Row, lang: string) => string }> = [
  { k: 'spend', show: (r) => formatSpend(r.spendMfen) },
  { k: 'impressions', show: (r, l) => formatCount(r.impressions, l) },
  { k: 'clicks', show: (r, l) => formatCount(r.clicks, l) },
  { k: 'ctr', show: (r) => pct(r.ctr) },
  { k: 'cpm', show: (r) => formatFen(r.cpmFen) },
  { k: 'conversions', show: (r, l) => formatCount(r.conversions, l) },
  { k: 'cpa', show: (r) => (r.costPerConversionFen === null ? '—' : formatFen(r.costPerConversionFen)) },
  { k: 'gmv', show: (r) => formatFen(r.gmvFen) },
  { k: 'roi', show: (r) => (r.roi === null ? '—' : r.roi.toFixed(2)) },
];

/** A paid-traffic metric's name with its formula as the tooltip. */
function AdMetricName({ k }: { k: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip content={t(`compass.ads.formula.${k}`)}>
      <span className="cp-metric-name" data-metric={`ads-${k}`}>
        {t(`compass.ads.metric.${k}`)} <IconHelpCircle size="small" aria-hidden />
      </span>
    </Tooltip>
  );
}

/** 推广 in 罗盘 and 数据: the scope's paid traffic — totals, spend and GMV by hour, each campaign — as the 推广 reports count it. */
export function CompassAds({ scope, from, to }: { scope: CompassScope; from: string; to: string }) {
  const { t } = useTranslation();
  const key = scope.scope === 'shop' ? scope.shopId : scope.scope;
  const state = useLoad(() => compassApi.ads(scope, from, to), [key, from, to]);
  return (
    <Card title={t('compass.ads.title')} className="cp-section" data-testid="compass-ads">
      <Typography.Paragraph type="tertiary">{t('compass.ads.hint')}</Typography.Paragraph>
      <LoadView state={state} rows={3}>
        {(r) => (r.hours.length === 0 ? <EmptyState title={t('compass.ads.noData')} /> : <AdsBody r={r} />)}
      </LoadView>
    </Card>
  );
}

function AdsBody({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const multiDay = r.range.days > 1;
  return (
    <>
      <div className="cp-cards" data-testid="compass-ads-cards">
        {METRICS.map(({ k, show }) => (
          <Card key={k} className="cp-card" bodyStyle={{ padding: 12 }} data-testid={`compass-ads-${k}`}>
            <div className="cp-card-name">
              <AdMetricName k={k} />
            </div>
            <div className="cp-card-value">{show(r.total, lang)}</div>
          </Card>
        ))}
      </div>
      <Typography.Paragraph type="tertiary" style={{ margin: '8px 0' }}>
        {t('compass.ads.invalidNote', { impressions: r.total.invalidImpressions, clicks: r.total.invalidClicks })}
      </Typography.Paragraph>
      <Typography.Title heading={6}>{t('compass.ads.byHour')}</Typography.Title>
      <HourChart r={r} multiDay={multiDay} />
      <Typography.Title heading={6} style={{ marginTop: 12 }}>
        {t('compass.ads.byCampaign')}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        dataSource={r.campaigns}
        pagination={r.campaigns.length > 10 ? { pageSize: 10 } : false}
        data-testid="compass-ads-campaigns"
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('compass.ads.campaign'),
            dataIndex: 'name',
            render: (name: string, c: CampaignRow) => (
              <>
                <span data-user-content>{name}</span> <Tag size="small">{t(`ads.status.${c.status}`)}</Tag>
              </>
            ),
          },
          ...METRICS.map(({ k, show }) => ({
            title: <AdMetricName k={k} />,
            dataIndex: k,
            render: (_: unknown, c: CampaignRow) => show(c.total, lang),
          })),
        ]}
      />
    </>
  );
}

function HourChart({ r, multiDay }: { r: Report; multiDay: boolean }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 50, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: r.hours.map((h) => chinaHour(h.hour ?? 0, multiDay)) },
      yAxis: [
        { type: 'value', name: '¥' },
        { type: 'value', minInterval: 1 },
      ],
      series: [
        {
          name: t('compass.ads.metric.spend'),
          type: 'bar',
          barMaxWidth: 14,
          data: r.hours.map((h) => (h.spendMfen / 100_000).toFixed(2)),
        },
        {
          name: t('compass.ads.metric.gmv'),
          type: 'line',
          smooth: true,
          data: r.hours.map((h) => (h.gmvFen / 100).toFixed(2)),
        },
        {
          name: t('compass.ads.metric.clicks'),
          type: 'line',
          yAxisIndex: 1,
          data: r.hours.map((h) => h.clicks),
        },
      ],
    }),
    [r, multiDay, t],
  );
  const ref = useAnyChart(option);
  return (
    <div
      ref={ref}
      className="cp-chart"
      data-testid="compass-ads-hours"
      role="img"
      aria-label={t('compass.ads.byHour')}
    />
  );
}
