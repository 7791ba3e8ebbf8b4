import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, Card, Descriptions, Table, Tag, Toast, Typography } from '@douyinfe/semi-ui-19';
import { errorText, LoadView, useLoad } from '../shell/common';
import { useWhen } from '../violations/parts';
import { DIMENSIONS, experienceApi, pct, scoreType, type ExperienceView, type Indicator } from './experience-api';

/** 商家后台 · 店铺体验分: the score, its three dimensions, each indicator against its benchmark, what to improve and what the score decides. */
export function MerchantExperienceView({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => experienceApi.shop(shopId), [shopId]);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('experience.title')}
      </Typography.Title>
      <Typography.Paragraph type="tertiary">{t('experience.intro', { minPeers: 5 })}</Typography.Paragraph>
      <LoadView state={state}>{(v) => <ScoreView view={v} onChanged={state.reload} />}</LoadView>
    </>
  );
}

function ScoreView({ view, onChanged }: { view: ExperienceView; onChanged: () => void }) {
  const { t } = useTranslation();
  const when = useWhen();
  const [busy, setBusy] = useState(false);
  const recompute = async () => {
    setBusy(true);
    try {
      await experienceApi.recompute(view.shopId);
      Toast.success(t('experience.recomputed'));
      onChanged();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const day = (ms: number) => when(ms).slice(0, 10);
  return (
    <>
      <Card style={{ marginBottom: 16 }} data-testid="experience-summary">
        <div style={{ display: 'flex', gap: 24, alignItems: 'center', flexWrap: 'wrap' }}>
          <div style={{ minWidth: 160 }}>
            <Typography.Text type="tertiary">{t('experience.total')}</Typography.Text>
            {view.status === 'scored' ? (
              <Typography.Title
                heading={1}
                style={{ margin: 0 }}
                type={scoreType(view.total)}
                data-testid="experience-total"
              >
                {view.total} <Typography.Text type="tertiary">{t('experience.outOf')}</Typography.Text>
              </Typography.Title>
            ) : (
              <Typography.Title heading={4} style={{ margin: '8px 0 0' }} data-testid="experience-total">
                {view.status === 'not_enough_orders' ? t('experience.notEnough') : t('experience.notComputed')}
              </Typography.Title>
            )}
          </div>
          {DIMENSIONS.map((d) => (
            <Card
              key={d}
              style={{ flex: 1, minWidth: 160 }}
              bodyStyle={{ padding: 16 }}
              data-testid={`experience-dim-${d}`}
            >
              <Typography.Text type="tertiary">{t(`experience.dims.${d}`)}</Typography.Text>
              <Typography.Title heading={2} style={{ margin: 0 }} type={scoreType(view.dimensions[d])}>
                {view.dimensions[d] ?? '—'}
              </Typography.Title>
            </Card>
          ))}
          <div>
            <Button onClick={recompute} loading={busy} data-testid="experience-recompute">
              {t('experience.recompute')}
            </Button>
          </div>
        </div>
        {view.computedAt !== null && view.window && (
          <Typography.Paragraph type="tertiary" style={{ marginTop: 12 }}>
            {t('experience.computedAt', {
              when: when(view.computedAt),
              from: day(view.window.from),
              to: day(view.window.to),
              orders: view.orders,
            })}
          </Typography.Paragraph>
        )}
        {view.status === 'not_enough_orders' && (
          <Banner
            type="info"
            fullMode={false}
            description={t('experience.notEnoughHint', { orders: view.orders, min: view.minOrders })}
          />
        )}
      </Card>
      {view.status === 'scored' && <Effects view={view} />}
      {view.indicators.length > 0 && <Indicators view={view} />}
    </>
  );
}

function Effects({ view }: { view: ExperienceView }) {
  const { t } = useTranslation();
  const g = view.gates;
  const engine =
    g.engineMultiplier > 1
      ? t('experience.effects.engineBoost', { m: g.engineMultiplier })
      : g.engineMultiplier < 1
        ? t('experience.effects.engineCut', { m: g.engineMultiplier })
        : t('experience.effects.engineNone');
  const yes = (ok: boolean) =>
    ok ? (
      <Tag color="green">{t('experience.effects.allowed')}</Tag>
    ) : (
      <Tag color="red">{t('experience.effects.refused', { min: 60 })}</Tag>
    );
  return (
    <div style={{ display: 'flex', gap: 16, marginBottom: 16, flexWrap: 'wrap' }}>
      <Card title={t('experience.effectsTitle')} style={{ flex: 1, minWidth: 360 }} data-testid="experience-effects">
        <Descriptions
          data={[
            { key: t('experience.effects.engine'), value: engine },
            { key: t('experience.effects.marketplace'), value: yes(g.marketplace) },
            { key: t('experience.effects.paidTraffic'), value: yes(g.paidTraffic) },
            {
              key: t('experience.effects.settlement'),
              value:
                g.settleCapDays !== null
                  ? t('experience.effects.settleFast', { days: g.settleCapDays })
                  : t('experience.effects.settleCategory'),
            },
          ]}
        />
        <Typography.Text type="tertiary" size="small">
          {t('experience.rulesNote', { boost: 90, up: 1.2, cut: 60, down: 0.7 })}
        </Typography.Text>
      </Card>
      <Card title={t('experience.improveTitle')} style={{ flex: 1, minWidth: 360 }} data-testid="experience-improve">
        {view.improve.length === 0 ? (
          <Typography.Text type="success">{t('experience.improveNone')}</Typography.Text>
        ) : (
          view.improve.map((k) => (
            <Typography.Paragraph key={k}>
              <Typography.Text strong>{t(`experience.indicators.${k}`)}</Typography.Text>
              {t('experience.tipSep')}
              {t(`experience.tips.${k}`)}
            </Typography.Paragraph>
          ))
        )}
      </Card>
    </div>
  );
}

function Indicators({ view }: { view: ExperienceView }) {
  const { t } = useTranslation();
  return (
    <>
      {DIMENSIONS.map((d) => (
        <Card
          key={d}
          title={`${t(`experience.dims.${d}`)} · ${view.dimensions[d] ?? '—'}`}
          style={{ marginBottom: 16 }}
        >
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            data-testid={`experience-indicators-${d}`}
            dataSource={view.indicators.filter((i) => i.dimension === d)}
            columns={[
              {
                title: t('experience.cols.indicator'),
                dataIndex: 'key',
                render: (k: string) => (
                  <>
                    <div>{t(`experience.indicators.${k}`)}</div>
                    <Typography.Text type="tertiary" size="small">
                      {t(`experience.howMeasured.${k}`)}
                    </Typography.Text>
                  </>
                ),
              },
              {
                title: t('experience.cols.value'),
                dataIndex: 'value',
                width: 150,
                render: (v: number | null) =>
                  v === null ? (
                    <Typography.Text type="tertiary">{t('experience.notMeasured')}</Typography.Text>
                  ) : (
                    pct(v)
                  ),
              },
              {
                title: t('experience.cols.counts'),
                dataIndex: 'num',
                width: 100,
                render: (_: number, i: Indicator) => (i.den > 0 ? `${i.num} / ${i.den}` : '—'),
              },
              {
                title: t('experience.cols.score'),
                dataIndex: 'score',
                width: 80,
                render: (s: number | null) =>
                  s === null ? (
                    '—'
                  ) : (
                    <Typography.Text type={scoreType(s)} strong>
                      {Math.round(s)}
                    </Typography.Text>
                  ),
              },
              {
                title: t('experience.cols.weight'),
                dataIndex: 'weight',
                width: 80,
                render: (w: number) => `${Math.round(w * 100)}%`,
              },
              {
                title: t('experience.cols.benchmark'),
                dataIndex: 'benchmark',
                width: 260,
                render: (b: Indicator['benchmark']) => (
                  <>
                    <div>
                      {b.source === 'peers'
                        ? t('experience.benchmarkPeers', {
                            peers: view.peers,
                            excellent: pct(b.excellent),
                            poor: pct(b.poor),
                          })
                        : t('experience.benchmarkPlatform', { excellent: pct(b.excellent), poor: pct(b.poor) })}
                    </div>
                    {b.peerMedian !== null && (
                      <Typography.Text type="tertiary" size="small">
                        {t('experience.peersMedian', { median: pct(b.peerMedian) })}
                      </Typography.Text>
                    )}
                  </>
                ),
              },
            ]}
          />
        </Card>
      ))}
    </>
  );
}
