import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, DatePicker, Radio, RadioGroup, Space, Tooltip, Typography } from '@douyinfe/semi-ui-19';
import { IconHelpCircle } from '@douyinfe/semi-icons';
import { LoadView, useLoad } from '../shell/common';
import { compassApi, type CompassScope, type MetricKey, type Overview } from './compass-api';
import { change, chinaDate, formatCount, formatMetric } from './compass-format';
import { useAnyChart } from './compass-charts';
import { CompassBreakdown } from './CompassBreakdown';
import { CompassLive } from './CompassLive';
import { CompassAudience } from './CompassAudience';
import { CompassAds } from './CompassAds';
import './compass.css';

const CARDS: Record<CompassScope['scope'], MetricKey[]> = {
  shop: [
    'gmv',
    'net_gmv',
    'orders',
    'buyers',
    'new_buyers',
    'returning_buyers',
    'aov',
    'refund_fen',
    'impressions',
    'add_to_cart',
    'favourites',
    'click_to_pay',
    'impression_to_pay',
    'gpm',
    'bad_review_rate',
    'quality_return_rate',
  ],
  creator: [
    'gmv',
    'commission',
    'orders',
    'buyers',
    'new_buyers',
    'impressions',
    'clicks',
    'add_to_cart',
    'click_to_pay',
    'gpm',
  ],
  platform: ['gmv', 'net_gmv', 'take', 'orders', 'buyers', 'new_buyers', 'refund_fen', 'impressions', 'click_to_pay'],
};
const TREND: Record<CompassScope['scope'], { money: MetricKey[]; counts: MetricKey[] }> = {
  shop: { money: ['gmv', 'net_gmv'], counts: ['orders', 'buyers'] },
  creator: { money: ['gmv', 'commission'], counts: ['orders'] },
  platform: { money: ['gmv', 'net_gmv', 'take'], counts: ['orders', 'buyers'] },
};

/** A metric's name with its formula as the tooltip (the catalogue's definition). */
export function MetricName({ k }: { k: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip content={t(`compass.formula.${k}`)}>
      <span className="cp-metric-name" data-metric={k}>
        {t(`compass.metric.${k}`)} <IconHelpCircle size="small" aria-hidden />
      </span>
    </Tooltip>
  );
}

/** 罗盘 for a shop, 数据 for a creator, 大盘 for the platform: figures with the previous period, the trend, and the breakdowns. */
export function CompassView({ scope }: { scope: CompassScope }) {
  const { t } = useTranslation();
  const [quick, setQuick] = useState<string>('7');
  const [range, setRange] = useState<[string, string]>(() => [chinaDate(6), chinaDate(0)]);
  const key = scope.scope === 'shop' ? scope.shopId : scope.scope;
  const state = useLoad(() => compassApi.overview(scope, range[0], range[1]), [key, range[0], range[1]]);
  const pick = (v: string) => {
    setQuick(v);
    const days = Number(v);
    setRange([chinaDate(days - 1), chinaDate(0)]);
  };
  return (
    <div className="cp-page" data-testid="compass">
      <Typography.Title heading={4} className="cs-page-title">
        {t(`compass.title.${scope.scope}`)}
      </Typography.Title>
      <Typography.Paragraph type="tertiary">{t('compass.intro')}</Typography.Paragraph>
      <Space className="cp-toolbar" wrap>
        <RadioGroup
          type="button"
          value={quick}
          onChange={(e) => pick(String(e.target.value))}
          aria-label={t('compass.range')}
        >
          <Radio value="1">{t('compass.today')}</Radio>
          <Radio value="7">{t('compass.last7')}</Radio>
          <Radio value="30">{t('compass.last30')}</Radio>
        </RadioGroup>
        <DatePicker
          type="dateRange"
          aria-label={t('compass.range')}
          value={[range[0], range[1]]}
          format="yyyy-MM-dd"
          onChange={(_d, s) => {
            if (Array.isArray(s) && s[0] && s[1]) {
              setQuick('');
              setRange([String(s[0]), String(s[1])]);
            }
          }}
          data-testid="compass-range"
        />
      </Space>
      <LoadView state={state} rows={6}>
        {(o) => <OverviewBody o={o} scope={scope} />}
      </LoadView>
      <CompassBreakdown scope={scope} from={range[0]} to={range[1]} />
      {scope.scope !== 'platform' ? <CompassLive scope={scope} from={range[0]} to={range[1]} /> : null}
      {scope.scope !== 'platform' ? <CompassAds scope={scope} from={range[0]} to={range[1]} /> : null}
      <CompassAudience scope={scope} from={range[0]} to={range[1]} />
    </div>
  );
}

function OverviewBody({ o, scope }: { o: Overview; scope: CompassScope }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <div className="cp-cards" data-testid="compass-cards">
        {CARDS[scope.scope].map((k) => {
          const c = change(o.values[k], o.previousValues[k]);
          return (
            <Card key={k} className="cp-card" bodyStyle={{ padding: 12 }} data-testid={`metric-${k}`}>
              <div className="cp-card-name">
                <MetricName k={k} />
              </div>
              <div className="cp-card-value">{formatMetric(k, o.values[k], i18n.language)}</div>
              <div className="cp-card-change">
                {t('compass.vsPrevious', { days: o.range.days })}{' '}
                {c === null ? (
                  <span className="cp-flat">{t('compass.noPrevious')}</span>
                ) : (
                  <span className={c >= 0 ? 'cp-up' : 'cp-down'}>
                    {c >= 0 ? '↑' : '↓'} {(Math.abs(c) * 100).toFixed(1)}%
                  </span>
                )}
              </div>
            </Card>
          );
        })}
        {o.active
          ? (['shops', 'creators'] as const).map((k) => (
              <Card key={k} className="cp-card" bodyStyle={{ padding: 12 }} data-testid={`active-${k}`}>
                <div className="cp-card-name">
                  {t(k === 'shops' ? 'compass.activeShops' : 'compass.activeCreators')}
                </div>
                <div className="cp-card-value">{formatCount(o.active![k], i18n.language)}</div>
              </Card>
            ))
          : null}
      </div>
      <Card title={t('compass.trend')} className="cp-section">
        <Trend o={o} scope={scope} />
      </Card>
    </>
  );
}

function Trend({ o, scope }: { o: Overview; scope: CompassScope }) {
  const { t } = useTranslation();
  const { money, counts } = TREND[scope.scope];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 50, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: o.trend.map((p) => p.label.slice(5)) },
      yAxis: [
        { type: 'value', name: '¥' },
        { type: 'value', minInterval: 1 },
      ],
      series: [
        ...money.map((k) => ({
          name: t(`compass.metric.${k}`),
          type: 'line',
          smooth: true,
          data: o.trend.map((p) => ((p.values[k] ?? 0) / 100).toFixed(2)),
        })),
        ...counts.map((k) => ({
          name: t(`compass.metric.${k}`),
          type: 'bar',
          yAxisIndex: 1,
          barMaxWidth: 14,
          data: o.trend.map((p) => p.values[k] ?? 0),
        })),
      ],
    }),
    [o, money, counts, t],
  );
  const ref = useAnyChart(option);
  return <div ref={ref} className="cp-chart" data-testid="compass-trend" role="img" aria-label={t('compass.trend')} />;
}
