import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, SideSheet, Spin, Table, Tag, Timeline, Typography } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../lib/format';
import { ErrorState } from '../shell/common';
import { poolApi, POOL_RATES, type PoolStatus, type PoolStep, type PoolSummary, type VideoPool } from './pool-api';

const percent = (v: number): string => `${(v * 100).toFixed(v > 0 && v < 0.01 ? 2 : 1)}%`;

/** The pool a video reached, as a tag: "level 2", "stopped at level 1", … */
export function PoolTag({ status, pool }: { status: PoolStatus; pool: number | null }) {
  const { t } = useTranslation();
  if (status === 'not_entered' || pool === null) return <Tag color="grey">{t('consoleUi.creator.poolNone')}</Tag>;
  const color = status === 'stopped' ? 'orange' : status === 'top' ? 'green' : 'blue';
  return <Tag color={color}>{t(`consoleUi.creator.poolStatus_${status}`, { n: pool + 1 })}</Tag>;
}

function StepRates({ step }: { step: PoolStep }) {
  const { t } = useTranslation();
  if (!step.rates || !step.thresholds) return null;
  const rows = POOL_RATES.map((rate) => ({
    rate,
    value: step.rates![rate],
    threshold: step.thresholds![rate],
    short: step.shortfalls.includes(rate),
  }));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="rate"
      dataSource={rows}
      columns={[
        {
          title: t('consoleUi.creator.poolRate'),
          dataIndex: 'rate',
          render: (r: string) => t(`consoleUi.creator.poolRate_${r}`),
        },
        {
          title: t('consoleUi.creator.poolValue'),
          dataIndex: 'value',
          align: 'right',
          render: (v: number, row: (typeof rows)[number]) => (
            <Typography.Text type={row.short ? 'danger' : undefined}>{percent(v)}</Typography.Text>
          ),
        },
        {
          title: t('consoleUi.creator.poolThreshold'),
          dataIndex: 'threshold',
          align: 'right',
          render: (v: number) => percent(v),
        },
      ]}
    />
  );
}

/** Which traffic pools a video went through and, when it stopped, which rate fell short of which threshold. */
export function PoolDrawer({
  videoId,
  title,
  onClose,
  onLoaded,
}: {
  videoId: string;
  title: string;
  onClose(): void;
  onLoaded?: (p: PoolSummary) => void;
}) {
  const { t, i18n } = useTranslation();
  const [pool, setPool] = useState<VideoPool | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    poolApi.videoPool(videoId).then(
      (p) => {
        if (!live) return;
        setPool(p);
        onLoaded?.(p);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [videoId, attempt, onLoaded]);
  const stopped = pool?.steps.find((s) => s.decision === 'stopped');
  return (
    <SideSheet
      visible
      closeOnEsc
      width={520}
      title={t('consoleUi.creator.poolTitle', { title })}
      onCancel={onClose}
      data-testid="pool-drawer"
    >
      {error != null ? (
        <ErrorState error={error} onRetry={() => setAttempt((a) => a + 1)} />
      ) : !pool ? (
        <Spin />
      ) : (
        <>
          <Typography.Paragraph type="tertiary">{t('consoleUi.creator.poolIntro')}</Typography.Paragraph>
          <p data-testid="pool-status">
            <PoolTag status={pool.status} pool={pool.pool} />
          </p>
          {stopped && (
            <Banner
              type="warning"
              closeIcon={null}
              data-testid="pool-shortfalls"
              description={stopped.shortfalls
                .map((r) => t('consoleUi.creator.poolShortfall', { rate: t(`consoleUi.creator.poolRate_${r}`) }))
                .join('；')}
            />
          )}
          <Timeline>
            {pool.steps.map((s) => (
              <Timeline.Item
                key={`${s.pool}-${s.decision}`}
                time={formatDateTime(s.at, i18n.language)}
                type={s.decision === 'stopped' ? 'warning' : s.decision === 'entered' ? 'default' : 'success'}
              >
                <strong>{t(`consoleUi.creator.poolStep_${s.decision}`, { n: s.pool + 1 })}</strong>
                {' · '}
                {t('consoleUi.creator.poolLevel', { n: s.pool + 1, audience: pool.audiences[s.pool] ?? '' })}
                {s.decision !== 'entered' && (
                  <div className="cs-muted">{t('consoleUi.creator.poolImpressions', { n: s.impressions })}</div>
                )}
                <StepRates step={s} />
              </Timeline.Item>
            ))}
          </Timeline>
        </>
      )}
    </SideSheet>
  );
}
