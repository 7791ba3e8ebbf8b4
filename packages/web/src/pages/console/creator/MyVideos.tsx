import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, Popconfirm, Table, Typography } from '@douyinfe/semi-ui-19';
import { IconPlus } from '@douyinfe/semi-icons';
import { formatCount, formatDateTime } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { consoleApi, type CreatorVideo } from '../api';
import { CursorPager, useCursorPages } from '../shell/CursorPager';
import { EmptyState, ErrorState, StatusTag } from '../shell/common';
import { useRowAction } from '../shell/useRowAction';
import { PoolDrawer, PoolTag } from './PoolDrawer';
import { poolApi, type PoolSummary } from './pool-api';
import { moderationApi, type OwnReview } from '../../../api/moderation';

/** 作品: my videos with their status, views, likes, comments, shares and the orders they brought. */
export function MyVideos() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const pages = useCursorPages((cursor) => consoleApi.myVideos(cursor), []);
  const { busy, run } = useRowAction(pages.reload);
  const n = (v: number) => formatCount(v, i18n.language);
  const [pools, setPools] = useState<Map<string, PoolSummary>>(new Map());
  const [poolOf, setPoolOf] = useState<CreatorVideo | null>(null);
  const [poolsRead, setPoolsRead] = useState(0);
  const ids = (pages.items ?? [])
    .filter((v) => v.status === 'published')
    .map((v) => v.id)
    .join(',');
  // Read again whenever the drawer closes: the engine moves videos between pools all the time.
  useEffect(() => {
    if (!ids) return;
    let live = true;
    poolApi.summaries(ids.split(',')).then(
      (r) => live && setPools(new Map(r.items.map((p) => [p.videoId, p]))),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [ids, poolsRead]);
  // The review of videos held or rejected: the reviewer's reason is the author's to read.
  const heldIds = (pages.items ?? [])
    .filter((v) => v.status === 'review' || v.status === 'rejected')
    .map((v) => v.id)
    .join(',');
  const [reviews, setReviews] = useState<Map<string, OwnReview>>(new Map());
  useEffect(() => {
    if (!heldIds) return;
    let live = true;
    moderationApi.mine('video', heldIds.split(',')).then(
      (r) => live && setReviews(new Map(r.items.map((x) => [x.subjectId, x]))),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [heldIds]);
  // The drawer's fresher reading of a video's pool is the list's too: both show one status.
  const seenInDrawer = useCallback(
    (p: PoolSummary) =>
      setPools((old) => new Map(old).set(p.videoId, { videoId: p.videoId, pool: p.pool, status: p.status })),
    [],
  );

  function publish(v: CreatorVideo) {
    // Clean text is published at once; a health claim or the like waits in review (the status column says so).
    return run(v.id, () => consoleApi.publishVideo(v.id), t('moderation.submitted'));
  }

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.nav.videos')}
      </Typography.Title>
      <div className="cs-toolbar">
        <span className="cs-grow" />
        <Button theme="solid" icon={<IconPlus />} onClick={() => navigate('/creator/publish')}>
          {t('consoleUi.nav.publish')}
        </Button>
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          data-testid="videos-table"
          scroll={{ x: 'max-content' }}
          empty={
            <EmptyState title={t('consoleUi.creator.noVideos')}>
              <Button onClick={() => navigate('/creator/publish')}>{t('consoleUi.nav.publish')}</Button>
            </EmptyState>
          }
          columns={[
            {
              title: t('consoleUi.creator.video'),
              dataIndex: 'title',
              render: (_: unknown, v: CreatorVideo) => (
                <span className="cs-title-cell">
                  {v.posterUrl ? (
                    <img className="cs-poster" src={v.posterUrl} alt="" />
                  ) : (
                    <span className="cs-poster" />
                  )}
                  <span>
                    <strong>{v.title}</strong>
                    <br />
                    <span className="cs-muted">{v.hashtags.map((h) => `#${h}`).join(' ')}</span>
                  </span>
                </span>
              ),
            },
            {
              title: t('consoleUi.statusCol'),
              dataIndex: 'status',
              render: (s: string, v: CreatorVideo) => {
                const review = reviews.get(v.id);
                return (
                  <span className="cs-status-cell" data-testid="video-status" data-video-id={v.id}>
                    <StatusTag status={s} />
                    {s === 'review' && <span className="cs-muted cs-review-note">{t('moderation.inReviewHint')}</span>}
                    {s === 'rejected' && review?.reason && (
                      <span className="cs-review-note cs-review-reason" data-testid="review-reason" data-user-content>
                        {t('moderation.reviewReason', { reason: review.reason })}
                      </span>
                    )}
                  </span>
                );
              },
            },
            {
              title: t('consoleUi.creator.pool'),
              dataIndex: 'id',
              render: (_: unknown, v: CreatorVideo) => {
                if (v.status !== 'published') return null;
                const p = pools.get(v.id);
                return (
                  <Button size="small" theme="borderless" data-testid="pool-open" onClick={() => setPoolOf(v)}>
                    {p ? <PoolTag status={p.status} pool={p.pool} /> : <span className="cs-muted">…</span>}
                  </Button>
                );
              },
            },
            {
              title: t('consoleUi.creator.views'),
              dataIndex: 'stats',
              align: 'right',
              render: (s: CreatorVideo['stats']) => n(s.views),
            },
            {
              title: t('consoleUi.creator.likes'),
              dataIndex: 'stats',
              align: 'right',
              render: (s: CreatorVideo['stats']) => n(s.likes),
            },
            {
              title: t('consoleUi.creator.comments'),
              dataIndex: 'stats',
              align: 'right',
              render: (s: CreatorVideo['stats']) => n(s.comments),
            },
            {
              title: t('consoleUi.creator.shares'),
              dataIndex: 'stats',
              align: 'right',
              render: (s: CreatorVideo['stats']) => n(s.shares),
            },
            { title: t('consoleUi.creator.orders'), dataIndex: 'orders', align: 'right' },
            {
              title: t('consoleUi.creator.gmv'),
              dataIndex: 'gmvFen',
              align: 'right',
              render: (v: number) => formatFen(v),
            },
            {
              title: t('consoleUi.creator.when'),
              dataIndex: 'createdAt',
              render: (_: number, v: CreatorVideo) => formatDateTime(v.publishedAt ?? v.createdAt, i18n.language),
            },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'id',
              render: (_: unknown, v: CreatorVideo) =>
                v.status === 'draft' || v.status === 'rejected' ? (
                  <Popconfirm
                    title={t('consoleUi.creator.confirmPublish')}
                    content={v.title}
                    onConfirm={() => void publish(v)}
                  >
                    <span>
                      <Button size="small" loading={busy === v.id}>
                        {v.status === 'rejected' ? t('moderation.resubmit') : t('consoleUi.creator.publish')}
                      </Button>
                    </span>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
      {poolOf && (
        <PoolDrawer
          videoId={poolOf.id}
          title={poolOf.title}
          onLoaded={seenInDrawer}
          onClose={() => (setPoolOf(null), setPoolsRead((n) => n + 1))}
        />
      )}
    </>
  );
}
