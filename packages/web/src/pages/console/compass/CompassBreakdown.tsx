import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Space, Table, TabPane, Tabs, Typography } from '@douyinfe/semi-ui-19';
import { IconDownload } from '@douyinfe/semi-icons';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { compassApi, type Breakdown, type CompassScope } from './compass-api';
import { formatCount, formatMetric } from './compass-format';
import { useAnyChart } from './compass-charts';
import { MetricName } from './CompassView';

const TABS: Record<CompassScope['scope'], string[]> = {
  shop: ['channel', 'product', 'video', 'creator', 'live'],
  creator: ['video', 'product', 'channel'],
  platform: ['channel', 'category', 'shop', 'creator', 'product'],
};
const COLUMNS: Record<string, string[]> = {
  channel: ['gmv', 'net_gmv', 'orders', 'buyers', 'impressions', 'clicks', 'add_to_cart', 'ctr', 'click_to_pay'],
  product: [
    'impression_people',
    'click_people',
    'cart_people',
    'buyers',
    'click_to_pay',
    'gmv',
    'favourites',
    'bad_review_rate',
  ],
  video: ['impressions', 'clicks', 'ctr', 'buyers', 'click_to_pay', 'gpm', 'gmv', 'commission'],
  creator: ['gmv', 'net_gmv', 'orders', 'items', 'commission'],
  category: ['gmv', 'net_gmv', 'orders', 'take'],
  shop: ['gmv', 'net_gmv', 'orders', 'take', 'refund_fen'],
  live: ['gmv', 'orders', 'items'],
};
/** Dimensions whose values keep their distinct people, so a funnel can be drawn (the platform keeps them for channels only). */
const funnelDim = (scope: CompassScope, dim: string): boolean =>
  dim === 'channel' || (scope.scope !== 'platform' && (dim === 'product' || dim === 'video'));

/** The breakdowns by dimension (channel split, product ranking, videos, creators …), each with its CSV, and a value's funnel. */
export function CompassBreakdown({ scope, from, to }: { scope: CompassScope; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const tabs = TABS[scope.scope];
  const [dim, setDim] = useState(tabs[0]!);
  const key = scope.scope === 'shop' ? scope.shopId : scope.scope;
  const state = useLoad(() => compassApi.breakdown(scope, dim, from, to), [key, dim, from, to]);
  const [focus, setFocus] = useState<{ dim: string; id: string; name: string } | null>(null);
  const csv = (
    <Space>
      <a
        className="cp-row-link"
        href={compassApi.exportUrl(scope, dim, from, to, i18n.language, 'csv')}
        download
        data-testid="compass-csv"
      >
        <IconDownload aria-hidden /> {t('compass.exportCsv')}
      </a>
      <a
        className="cp-row-link"
        href={compassApi.exportUrl(scope, dim, from, to, i18n.language, 'xlsx')}
        download
        data-testid="compass-xlsx"
      >
        <IconDownload aria-hidden /> {t('compass.exportXlsx')}
      </a>
    </Space>
  );
  return (
    <>
      <Card title={t('compass.breakdown')} headerExtraContent={csv} className="cp-section">
        <Tabs
          type="line"
          activeKey={dim}
          onChange={(k) => {
            setDim(k);
            setFocus(null);
          }}
        >
          {tabs.map((d) => (
            <TabPane key={d} itemKey={d} tab={t(`compass.tabs.${d}`)} />
          ))}
        </Tabs>
        <LoadView state={state} rows={5}>
          {(b) => <BreakdownBody b={b} onPick={funnelDim(scope, b.dim) ? setFocus : undefined} />}
        </LoadView>
      </Card>
      {focus ? <FunnelCard scope={scope} from={from} to={to} focus={focus} /> : null}
    </>
  );
}

function rowName(t: (k: string) => string, dim: string, r: { id: string; name: string }): string {
  return dim === 'channel' ? t(`compass.channels.${r.id}`) : r.name;
}

function BreakdownBody({
  b,
  onPick,
}: {
  b: Breakdown;
  onPick?: ((f: { dim: string; id: string; name: string }) => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  if (!b.rows.length)
    return (
      <EmptyState title={t('compass.noData')}>
        <Typography.Text type="tertiary">{t('compass.noDataHint')}</Typography.Text>
      </EmptyState>
    );
  const columns = [
    {
      title: t('compass.name'),
      dataIndex: 'name',
      width: 240,
      render: (_: string, r: { id: string; name: string }) => {
        const name = rowName(t, b.dim, r);
        return onPick ? (
          <button
            type="button"
            className="cp-row-link"
            data-testid="compass-row"
            onClick={() => onPick({ dim: b.dim, id: r.id, name })}
          >
            {name}
          </button>
        ) : (
          <span data-testid="compass-row" data-user-content>
            {name}
          </span>
        );
      },
    },
    ...COLUMNS[b.dim]!.map((k) => ({
      title: <MetricName k={k} />,
      dataIndex: k,
      render: (_: unknown, r: { values: Record<string, number | null> }) => formatMetric(k, r.values[k], i18n.language),
    })),
  ];
  const table = (
    <Table
      rowKey="id"
      size="small"
      dataSource={b.rows}
      columns={columns}
      pagination={{ pageSize: 10 }}
      data-testid={`compass-table-${b.dim}`}
    />
  );
  if (b.dim !== 'channel') return table;
  return (
    <div className="cp-split">
      <ChannelPie b={b} />
      {table}
    </div>
  );
}

function ChannelPie({ b }: { b: Breakdown }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: ¥{c} ({d}%)' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: b.rows
            .filter((r) => (r.values.gmv ?? 0) > 0)
            .map((r) => ({ name: t(`compass.channels.${r.id}`), value: ((r.values.gmv ?? 0) / 100).toFixed(2) })),
        },
      ],
    }),
    [b, t],
  );
  const ref = useAnyChart(option);
  return (
    <div
      ref={ref}
      className="cp-chart-small"
      data-testid="compass-channel-pie"
      role="img"
      aria-label={t('compass.tabs.channel')}
    />
  );
}

const STEPS = ['impression_people', 'click_people', 'cart_people', 'buyers'] as const;

function FunnelCard({
  scope,
  from,
  to,
  focus,
}: {
  scope: CompassScope;
  from: string;
  to: string;
  focus: { dim: string; id: string; name: string };
}) {
  const { t, i18n } = useTranslation();
  const key = scope.scope === 'shop' ? scope.shopId : scope.scope;
  const state = useLoad(
    () => compassApi.overview(scope, from, to, { dim: focus.dim, id: focus.id }),
    [key, from, to, focus.dim, focus.id],
  );
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView?.({ behavior: 'smooth', block: 'nearest' });
  }, [focus.dim, focus.id]);
  return (
    <div ref={box}>
      <Card title={t('compass.funnelOf', { name: focus.name })} className="cp-section" data-testid="compass-funnel">
        <LoadView state={state} rows={3}>
          {(o) => (
            <>
              <Funnel values={o.values} />
              <div className="cp-funnel-figures">
                {STEPS.map((s) => (
                  <div key={s} data-testid={`funnel-${s}`}>
                    <Typography.Text type="tertiary">{t(`compass.funnelSteps.${s}`)}</Typography.Text>
                    <div className="cp-card-value">{formatCount(o.values[s] ?? 0, i18n.language)}</div>
                  </div>
                ))}
                {(['ctr', 'click_to_pay', 'impression_to_pay', 'add_to_cart', 'favourites', 'gmv'] as const).map(
                  (k) => (
                    <div key={k}>
                      <MetricName k={k} />
                      <div className="cp-card-value">{formatMetric(k, o.values[k], i18n.language)}</div>
                    </div>
                  ),
                )}
              </div>
            </>
          )}
        </LoadView>
      </Card>
    </div>
  );
}

function Funnel({ values }: { values: Record<string, number | null> }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          minSize: '10%',
          label: { show: true, position: 'inside', formatter: '{b} {c}' },
          data: STEPS.map((s) => ({ name: t(`compass.funnelSteps.${s}`), value: values[s] ?? 0 })),
        },
      ],
    }),
    [values, t],
  );
  const ref = useAnyChart(option);
  return <div ref={ref} className="cp-chart-small" role="img" aria-label={t('compass.funnel')} />;
}
