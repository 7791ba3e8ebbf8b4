import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Table, Tag, Toast, Typography } from '@douyinfe/semi-ui-19';
import { errorText, LoadView, useLoad } from '../../shell/common';
import { useWhen } from '../../violations/parts';
import { f4, modelsApi, type EngineModelState, type ModelVersion } from './models-api';

const STATUS_COLOR: Record<ModelVersion['status'], 'blue' | 'green' | 'grey' | 'orange' | 'red' | 'cyan'> = {
  requested: 'cyan',
  training: 'blue',
  serving: 'green',
  retired: 'grey',
  rejected: 'orange',
  failed: 'red',
};

/** One engine and the version it serves. */
function EngineTag({ engine }: { engine: EngineModelState }) {
  const { t } = useTranslation();
  const name = engine.replica === null ? t('models.engineHere') : t('models.engineReplica', { n: engine.replica });
  const state = !engine.reachable
    ? t('models.engineUnreachable')
    : engine.version
      ? engine.version.slice(-8)
      : t('models.engineOnline');
  return (
    <Tag
      color={!engine.reachable ? 'red' : engine.version ? 'green' : 'grey'}
      style={{ marginRight: 6 }}
    >{`${name} · ${state}`}</Tag>
  );
}

/** 平台管理 · 推荐模型: every retraining, its offline figures against the bar, serving or not and why; retrain now. */
export function ModelsView() {
  const { t } = useTranslation();
  const when = useWhen();
  const state = useLoad(() => modelsApi.list(), []);
  const [busy, setBusy] = useState(false);
  const retrain = async () => {
    setBusy(true);
    try {
      const v = await modelsApi.retrain();
      Toast.success(t('models.requested', { id: v.id }));
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
        {t('models.title')}
      </Typography.Title>
      <Typography.Paragraph type="tertiary">{t('models.intro')}</Typography.Paragraph>
      <LoadView state={state}>
        {({ versions, retraining, everyMs, engines }) => (
          <Card
            title={
              !retraining
                ? t('models.notRunning')
                : everyMs
                  ? t('models.schedule', { hours: Math.round(everyMs / 3600_000) })
                  : t('models.onDemand')
            }
            headerExtraContent={
              <Button onClick={retrain} loading={busy} data-testid="models-retrain">
                {t('models.retrainNow')}
              </Button>
            }
          >
            {engines.length > 0 && (
              <div data-testid="models-engines" style={{ marginBottom: 12 }}>
                <Typography.Text type="tertiary">{t('models.engines')}</Typography.Text>{' '}
                {engines.map((e) => (
                  <EngineTag key={e.replica ?? 'here'} engine={e} />
                ))}
              </div>
            )}
            <Table
              rowKey="id"
              size="small"
              dataSource={versions}
              pagination={{ pageSize: 20 }}
              data-testid="models-list"
              columns={[
                {
                  title: t('models.cols.version'),
                  dataIndex: 'id',
                  width: 150,
                  render: (id: string) => <Typography.Text copyable={{ content: id }}>{id.slice(-8)}</Typography.Text>,
                },
                {
                  title: t('models.cols.status'),
                  dataIndex: 'status',
                  width: 110,
                  render: (s: ModelVersion['status'], v: ModelVersion) => (
                    <Tag color={STATUS_COLOR[s]}>
                      {s === 'training'
                        ? t('models.progress', { done: v.epochsDone, total: v.epochs })
                        : t(`models.status.${s}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('models.cols.trigger'),
                  dataIndex: 'trigger',
                  width: 70,
                  render: (x: string) => t(`models.trigger.${x}`),
                },
                {
                  title: t('models.cols.finishedAt'),
                  dataIndex: 'finishedAt',
                  width: 150,
                  render: (ms: number | null, v: ModelVersion) => when(ms ?? v.requestedAt),
                },
                {
                  title: t('models.cols.data'),
                  dataIndex: 'people',
                  width: 200,
                  render: (_: unknown, v: ModelVersion) =>
                    v.people ? t('models.data', { people: v.people, events: v.events, videos: v.videos }) : '—',
                },
                {
                  title: t('models.cols.figures'),
                  dataIndex: 'figures',
                  width: 150,
                  render: (_: unknown, v: ModelVersion) =>
                    v.figures ? `${f4(v.figures.model.hr10)} / ${f4(v.figures.model.ndcg10)}` : '—',
                },
                {
                  title: t('models.cols.baseline'),
                  dataIndex: 'figures.baseline',
                  width: 220,
                  render: (_: unknown, v: ModelVersion) => {
                    const f = v.figures;
                    if (!f) return '—';
                    const args = { hr: f4(f.baseline.hr10), ndcg: f4(f.baseline.ndcg10) };
                    return f.baselineVersion
                      ? t('models.baselineServing', { ...args, id: f.baselineVersion.slice(-8) })
                      : t('models.baselineOnline', args);
                  },
                },
                {
                  title: t('models.cols.reason'),
                  dataIndex: 'reason',
                  render: (r: string | null, v: ModelVersion) =>
                    r ? <span title={v.error ?? undefined}>{t(`models.reason.${r}`)}</span> : '—',
                },
                {
                  title: t('models.cols.swap'),
                  dataIndex: 'swapMs',
                  width: 90,
                  render: (ms: number | null) => (ms === null ? '—' : t('models.swapMs', { ms })),
                },
              ]}
            />
          </Card>
        )}
      </LoadView>
    </>
  );
}
