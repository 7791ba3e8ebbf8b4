import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Table, Tag, Typography } from '@douyinfe/semi-ui-19';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { formatFen } from '../../../lib/money';
import {
  compassApi,
  type CompassScope,
  type LiveMinute,
  type LiveRoomReport,
  type LiveRoomSummary,
} from './compass-api';
import { formatCount } from './compass-format';
import { useAnyChart } from './compass-charts';

/** HH:mm of an instant in China time. */
const chinaTime = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
const chinaDateTime = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** 直播分析: the rooms opened in the range; a room's minutes (viewers, entries, comments, orders, GMV) and its best moments. */
export function CompassLive({ scope, from, to }: { scope: CompassScope; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const key = scope.scope === 'shop' ? scope.shopId : scope.scope;
  const state = useLoad(() => compassApi.liveRooms(scope, from, to), [key, from, to]);
  const [roomId, setRoomId] = useState<string | null>(null);
  return (
    <Card title={t('compass.live.title')} className="cp-section" data-testid="compass-live">
      <Typography.Paragraph type="tertiary">{t('compass.live.hint')}</Typography.Paragraph>
      <LoadView state={state} rows={3}>
        {({ rooms }) =>
          rooms.length === 0 ? (
            <EmptyState title={t('compass.live.noRooms')} />
          ) : (
            <Table
              rowKey="id"
              size="small"
              dataSource={rooms}
              pagination={{ pageSize: 5 }}
              data-testid="compass-live-rooms"
              columns={[
                {
                  title: t('compass.live.room'),
                  dataIndex: 'title',
                  render: (_: string, r: LiveRoomSummary) => (
                    <button
                      type="button"
                      className="cp-row-link"
                      data-testid="compass-live-room"
                      onClick={() => setRoomId(r.id)}
                    >
                      <span data-user-content>{r.title}</span>
                    </button>
                  ),
                },
                {
                  title: t('compass.live.openedAt'),
                  dataIndex: 'openedAt',
                  render: (v: number | null, r: LiveRoomSummary) => (
                    <>
                      {v === null ? '—' : chinaDateTime(v)}{' '}
                      <Tag size="small">{t(`compass.live.status.${r.status}`)}</Tag>
                    </>
                  ),
                },
                {
                  title: t('compass.live.duration'),
                  dataIndex: 'minutes',
                  render: (_: number, r: LiveRoomSummary) =>
                    r.openedAt === null
                      ? '—'
                      : t('compass.live.minutesUnit', {
                          n: Math.max(1, Math.round(((r.endedAt ?? Date.now()) - r.openedAt) / 60_000)),
                        }),
                },
                {
                  title: t('compass.live.peakViewers'),
                  dataIndex: 'peakViewers',
                  render: (v: number) => formatCount(v, i18n.language),
                },
                {
                  title: t('compass.live.comments'),
                  dataIndex: 'comments',
                  render: (v: number) => formatCount(v, i18n.language),
                },
                {
                  title: t('compass.live.orders'),
                  dataIndex: 'orders',
                  render: (v: number) => formatCount(v, i18n.language),
                },
                { title: t('compass.live.gmv'), dataIndex: 'gmvFen', render: (v: number) => formatFen(v) },
              ]}
            />
          )
        }
      </LoadView>
      {roomId ? <RoomMinutes scope={scope} roomId={roomId} /> : null}
    </Card>
  );
}

function RoomMinutes({ scope, roomId }: { scope: CompassScope; roomId: string }) {
  const { t } = useTranslation();
  const state = useLoad(
    () => compassApi.liveRoom(scope, roomId),
    [roomId, scope.scope === 'shop' ? scope.shopId : scope.scope],
  );
  return (
    <div className="cp-live-room" data-testid="compass-live-detail">
      <LoadView state={state} rows={4}>
        {(r) => (
          <>
            <Typography.Title heading={6} className="cp-live-title">
              {t('compass.live.minuteChart', { title: r.room.title })}
            </Typography.Title>
            <MinuteChart r={r} />
            <div className="cp-moments">
              <Moments
                title={t('compass.live.topGmv')}
                rows={r.topGmv}
                testId="compass-live-top-gmv"
                value={(m) => formatFen(m.gmv_fen)}
                empty={t('compass.live.noMoments')}
              />
              <Moments
                title={t('compass.live.viewerPeaks')}
                rows={r.viewerPeaks}
                testId="compass-live-peaks"
                value={(m) => String(m.viewers)}
                empty="—"
              />
            </div>
          </>
        )}
      </LoadView>
    </div>
  );
}

function MinuteChart({ r }: { r: LiveRoomReport }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 60, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: r.minutes.map((m) => chinaTime(m.minute)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', name: '¥' },
      ],
      series: [
        {
          name: t('compass.live.viewers'),
          type: 'line',
          smooth: true,
          showSymbol: false,
          data: r.minutes.map((m) => m.viewers),
        },
        {
          name: t('compass.live.entries'),
          type: 'line',
          smooth: true,
          showSymbol: false,
          data: r.minutes.map((m) => m.entries),
        },
        {
          name: t('compass.live.comments'),
          type: 'line',
          smooth: true,
          showSymbol: false,
          data: r.minutes.map((m) => m.comments),
        },
        { name: t('compass.live.orders'), type: 'bar', barMaxWidth: 6, data: r.minutes.map((m) => m.orders) },
        {
          name: t('compass.live.gmv'),
          type: 'bar',
          yAxisIndex: 1,
          barMaxWidth: 6,
          data: r.minutes.map((m) => (m.gmv_fen / 100).toFixed(2)),
        },
      ],
    }),
    [r, t],
  );
  const ref = useAnyChart(option);
  return (
    <div
      ref={ref}
      className="cp-chart"
      data-testid="compass-live-chart"
      data-minutes={r.minutes.length}
      role="img"
      aria-label={t('compass.live.minuteChart', { title: r.room.title })}
    />
  );
}

function Moments({
  title,
  rows,
  value,
  testId,
  empty,
}: {
  title: string;
  rows: LiveMinute[];
  value: (m: LiveMinute) => string;
  testId: string;
  empty: string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      {rows.length === 0 ? (
        <div>
          <Typography.Text type="tertiary">{empty}</Typography.Text>
        </div>
      ) : (
        <ol className="cp-moment-list">
          {rows.map((m) => (
            <li key={m.minute}>
              <span className="cp-moment-time">{chinaTime(m.minute)}</span> {value(m)}{' '}
              <Typography.Text type="tertiary">
                · {t('compass.live.viewers')} {m.viewers} · {t('compass.live.orders')} {m.orders}
              </Typography.Text>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
