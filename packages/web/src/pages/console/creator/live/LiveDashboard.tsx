import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Table } from '@douyinfe/semi-ui-19';
import { liveApi, type ProductStat, type RoomStats } from '../../../../api/live';
import { formatFen } from '../../../../lib/money';
import { useChart, type ChartOption } from '../../merchant/fulfilment/charts';
import { ErrorState, LoadingBlock } from '../../shell/common';
import { appendSample, completeStats, productOption, statTiles, trendOption, type Sample } from './dashboard-figures';

const TICK_MS = 1_000;

/** 大屏: the room's figures every second while it is live (once for a past room's report), with ECharts trends. */
export function LiveDashboard({ roomId, live }: { roomId: string; live: boolean }) {
  const { t, i18n } = useTranslation();
  const [stats, setStats] = useState<RoomStats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [trend, setTrend] = useState<Sample[]>([]);
  const inFlight = useRef(false);

  useEffect(() => {
    let alive = true;
    const load = () => {
      if (inFlight.current) return; // a slow answer is not stacked with the next tick's
      inFlight.current = true;
      liveApi
        .dashboard(roomId)
        .then(
          (s) => {
            if (!alive) return;
            const full = completeStats(s);
            setStats(full);
            setError(null);
            setTrend((prev) => appendSample(prev, full, Date.now()));
          },
          (e: unknown) => alive && setError(e),
        )
        .finally(() => (inFlight.current = false));
    };
    load();
    if (!live) return () => void (alive = false);
    const timer = setInterval(load, TICK_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [roomId, live]);

  if (stats === null) return error != null ? <ErrorState error={error} /> : <LoadingBlock rows={4} />;
  const series = stats.series.length > 1 ? stats.series : trend;
  return (
    <Card
      className="lc-card lc-dashboard"
      title={live ? t('liveConsole.dash.liveTitle') : t('liveConsole.dash.reportTitle')}
      data-testid="live-dashboard"
    >
      <div className="lc-tiles">
        {statTiles(stats, i18n.language).map((tile) => (
          <div key={tile.key} className="lc-tile" data-testid={`dash-${tile.key}`} data-value={String(stats[tile.key])}>
            <span className="lc-tile-label">{t(`liveConsole.dash.${tile.key}`)}</span>
            <strong className="lc-tile-value">{tile.text}</strong>
          </div>
        ))}
      </div>
      <div className="lc-charts">
        <TrendChart series={series} />
        <ProductChart items={stats.perProduct} />
      </div>
      <Table<ProductStat>
        rowKey="productId"
        size="small"
        pagination={false}
        dataSource={stats.perProduct}
        empty={t('liveConsole.dash.noSales')}
        onRow={(p?: ProductStat) =>
          ({ 'data-testid': 'dash-product', 'data-product-id': p?.productId, 'data-remaining': p?.remaining }) as object
        }
        columns={[
          { title: t('liveConsole.bag.product'), dataIndex: 'title' },
          { title: t('liveConsole.dash.sold'), dataIndex: 'soldQty' },
          { title: t('liveConsole.dash.gmvFen'), dataIndex: 'gmvFen', render: (fen: number) => formatFen(fen) },
          { title: t('liveConsole.dash.remaining'), dataIndex: 'remaining' },
        ]}
      />
    </Card>
  );
}

function TrendChart({ series }: { series: Sample[] }) {
  const { t } = useTranslation();
  const option = useMemo(
    () =>
      trendOption(series, {
        online: t('liveConsole.dash.online'),
        gmv: t('liveConsole.dash.gmvYuan'),
      }) as unknown as ChartOption,
    [series, t],
  );
  const ref = useChart(option);
  return (
    <div ref={ref} className="lc-chart" role="img" aria-label={t('liveConsole.dash.trend')} data-testid="dash-trend" />
  );
}

function ProductChart({ items }: { items: ProductStat[] }) {
  const { t } = useTranslation();
  const option = useMemo(
    () =>
      productOption(items, {
        sold: t('liveConsole.dash.sold'),
        remaining: t('liveConsole.dash.remaining'),
      }) as unknown as ChartOption,
    [items, t],
  );
  const ref = useChart(option);
  return (
    <div
      ref={ref}
      className="lc-chart"
      role="img"
      aria-label={t('liveConsole.dash.perProduct')}
      data-testid="dash-products"
    />
  );
}
