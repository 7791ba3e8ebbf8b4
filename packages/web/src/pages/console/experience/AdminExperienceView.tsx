import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, InputNumber, Select, Space, Table, Tag, Toast, Typography } from '@douyinfe/semi-ui-19';
import { consoleApi } from '../api';
import { errorText, LoadView, useLoad } from '../shell/common';
import { useWhen } from '../violations/parts';
import {
  DIMENSIONS,
  experienceApi,
  scoreType,
  type IndicatorKey,
  type ScoreListItem,
  type Weights,
} from './experience-api';

const INDICATORS_OF: Record<string, IndicatorKey[]> = {
  product: ['bad_review_rate', 'quality_return_rate', 'complaint_rate'],
  logistics: ['pickup_on_time_rate', 'delivery_on_time_rate', 'transport_return_rate'],
  service: ['im_reply_rate_3min', 'im_dissatisfied_rate', 'aftersales_on_time_rate', 'disputes_lost_rate'],
};

/** 平台管理 · 体验分: every shop's latest score (lowest first), recompute all, and the weights per top-level category. */
export function AdminExperienceView() {
  const { t } = useTranslation();
  const when = useWhen();
  const state = useLoad(() => experienceApi.list(), []);
  const [busy, setBusy] = useState(false);
  const recomputeAll = async () => {
    setBusy(true);
    try {
      const r = await experienceApi.recomputeAll();
      Toast.success(t('experience.admin.recomputedAll', { n: r.shops }));
      state.reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('experience.admin.title')}
      </Typography.Title>
      <Typography.Paragraph type="tertiary">{t('experience.admin.intro')}</Typography.Paragraph>
      <Card
        style={{ marginBottom: 16 }}
        headerExtraContent={
          <Button onClick={recomputeAll} loading={busy} data-testid="experience-recompute-all">
            {t('experience.admin.recomputeAll')}
          </Button>
        }
        title={t('experience.nav.admin')}
      >
        <LoadView state={state}>
          {({ items }) => (
            <Table
              rowKey="shopId"
              size="small"
              dataSource={items}
              pagination={{ pageSize: 20 }}
              data-testid="experience-list"
              columns={[
                {
                  title: t('experience.admin.shop'),
                  dataIndex: 'shopName',
                  width: 180,
                  render: (n: string) => <span data-user-content>{n}</span>,
                },
                {
                  title: t('experience.total'),
                  dataIndex: 'total',
                  width: 150,
                  render: (s: number | null, r: ScoreListItem) =>
                    r.status === 'scored' ? (
                      <Typography.Text strong type={scoreType(s)}>
                        {s}
                      </Typography.Text>
                    ) : (
                      <Tag>{t('experience.notEnough')}</Tag>
                    ),
                },
                ...DIMENSIONS.map((d) => ({
                  title: t(`experience.dims.${d}`),
                  dataIndex: `dimensions.${d}`,
                  width: 96,
                  render: (_: unknown, r: ScoreListItem) => r.dimensions[d] ?? '—',
                })),
                { title: t('experience.admin.orders'), dataIndex: 'orders', width: 96 },
                { title: t('experience.admin.peers'), dataIndex: 'peers', width: 96 },
                {
                  title: t('experience.effects.engine'),
                  dataIndex: 'gates',
                  width: 96,
                  render: (_: unknown, r: ScoreListItem) => `×${r.gates.engineMultiplier}`,
                },
                {
                  title: t('experience.effects.marketplace'),
                  dataIndex: 'gates.marketplace',
                  render: (_: unknown, r: ScoreListItem) =>
                    r.gates.marketplace ? (
                      <Tag color="green">{t('experience.effects.allowed')}</Tag>
                    ) : (
                      <Tag color="red">{t('experience.effects.refused', { min: 60 })}</Tag>
                    ),
                },
                { title: t('violations.at'), dataIndex: 'computedAt', render: (ms: number) => when(ms) },
              ]}
            />
          )}
        </LoadView>
      </Card>
      <WeightsEditor />
    </>
  );
}

function WeightsEditor() {
  const { t } = useTranslation();
  const cats = useLoad(() => consoleApi.categories(), []);
  const tops = (cats.data ?? []).filter((c) => !c.parentId);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [weights, setWeights] = useState<Weights | null>(null);
  const [custom, setCustom] = useState(false);
  const [saving, setSaving] = useState(false);
  const chosen = categoryId ?? tops[0]?.id ?? null;
  useEffect(() => {
    if (!chosen) return;
    let live = true;
    experienceApi.weights(chosen).then(
      (r) => live && (setWeights(r.weights), setCustom(r.custom)),
      (e: unknown) => Toast.error(errorText(e, t)),
    );
    return () => void (live = false);
  }, [chosen, t]);
  const save = async () => {
    if (!chosen || !weights) return;
    setSaving(true);
    try {
      const r = await experienceApi.setWeights(chosen, weights);
      setCustom(r.custom);
      Toast.success(t('experience.admin.saved'));
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };
  const num = (value: number, onChange: (v: number) => void, label: string) => (
    <InputNumber
      value={value}
      min={0}
      max={1}
      step={0.05}
      precision={2}
      style={{ width: 110 }}
      aria-label={label}
      onChange={(v) => onChange(typeof v === 'number' ? v : Number(v) || 0)}
    />
  );
  return (
    <Card title={t('experience.admin.weightsTitle')} data-testid="experience-weights">
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>{t('experience.admin.category')}</Typography.Text>
        <Select
          style={{ width: 200 }}
          value={chosen ?? undefined}
          onChange={(v) => setCategoryId(String(v))}
          optionList={tops.map((c) => ({ value: c.id, label: c.name }))}
          aria-label={t('experience.admin.category')}
        />
        <Tag>{custom ? t('experience.admin.custom') : t('experience.admin.defaults')}</Tag>
      </Space>
      {weights && (
        <>
          <Typography.Title heading={6}>{t('experience.admin.dimWeights')}</Typography.Title>
          <Space wrap style={{ marginBottom: 16 }}>
            {DIMENSIONS.map((d) => (
              <Space key={d}>
                <Typography.Text>{t(`experience.dims.${d}`)}</Typography.Text>
                {num(
                  weights.dimensions[d],
                  (v) => setWeights({ ...weights, dimensions: { ...weights.dimensions, [d]: v } }),
                  t(`experience.dims.${d}`),
                )}
              </Space>
            ))}
          </Space>
          <Typography.Title heading={6}>{t('experience.admin.indWeights')}</Typography.Title>
          {DIMENSIONS.map((d) => (
            <Space key={d} wrap style={{ marginBottom: 8, display: 'flex' }}>
              <Typography.Text type="tertiary" style={{ width: 80, display: 'inline-block' }}>
                {t(`experience.dims.${d}`)}
              </Typography.Text>
              {INDICATORS_OF[d]!.map((k) => (
                <Space key={k}>
                  <Typography.Text>{t(`experience.indicators.${k}`)}</Typography.Text>
                  {num(
                    weights.indicators[k],
                    (v) => setWeights({ ...weights, indicators: { ...weights.indicators, [k]: v } }),
                    t(`experience.indicators.${k}`),
                  )}
                </Space>
              ))}
            </Space>
          ))}
          <Button
            theme="solid"
            onClick={save}
            loading={saving}
            style={{ marginTop: 8 }}
            data-testid="experience-weights-save"
          >
            {t('experience.admin.save')}
          </Button>
        </>
      )}
    </Card>
  );
}
