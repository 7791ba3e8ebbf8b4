import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Modal, Select, Table, TabPane, Tabs, Tag, TextArea, Toast, Typography } from '@douyinfe/semi-ui-19';
import { MAX_REVIEW_TEXT, reviewsApi, type OwnReview, type ReviewSummary } from '../../../api/reviews';
import { formatDateTime } from '../../../lib/format';
import { StarsView } from '../../reviews/Stars';
import { CursorPager, useCursorPages } from '../shell/CursorPager';
import { EmptyState, ErrorState, errorText } from '../shell/common';
import '../../reviews/reviews.css';

type Replied = 'all' | 'no' | 'yes';

/** 评价管理: the shop's reviews newest first, filtered by stars and by whether answered; one reply per review. */
export function ReviewsView({ shopId }: { shopId: string }) {
  const { t, i18n } = useTranslation();
  const [stars, setStars] = useState<number | null>(null);
  const [replied, setReplied] = useState<Replied>('all');
  const [summary, setSummary] = useState<ReviewSummary | null>(null);
  const [replying, setReplying] = useState<OwnReview | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const pages = useCursorPages(
    (cursor) =>
      reviewsApi.shop(shopId, { stars, replied: replied === 'all' ? null : replied === 'yes' }, cursor).then((page) => {
        setSummary(page.summary);
        return page;
      }),
    [shopId, stars, replied],
  );

  async function sendReply() {
    if (!replying || !text.trim()) return;
    setBusy(true);
    try {
      await reviewsApi.reply(replying.id, text.trim());
      Toast.success(t('reviewConsole.replyDone'));
      setReplying(null);
      setText('');
      pages.reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('reviewConsole.title')}
      </Typography.Title>
      <p className="cs-muted" data-testid="review-summary">
        {summary && summary.count > 0
          ? t('reviewConsole.summary', { rating: summary.rating?.toFixed(1), p: summary.goodPercent, n: summary.count })
          : t('reviewConsole.summaryNone')}
      </p>
      <div className="cs-toolbar">
        <Tabs
          type="button"
          activeKey={replied}
          onChange={(k) => setReplied(k as Replied)}
          data-testid="review-replied-tabs"
        >
          {(['all', 'no', 'yes'] as const).map((k) => (
            <TabPane
              key={k}
              itemKey={k}
              tab={<span data-testid={`review-tab-${k}`}>{t(`reviewConsole.replied.${k}`)}</span>}
            />
          ))}
        </Tabs>
        <Select
          value={stars ?? 0}
          onChange={(v) => setStars(Number(v) || null)}
          style={{ width: 140 }}
          aria-label={t('reviewConsole.stars')}
          data-testid="review-stars-filter"
          optionList={[
            { value: 0, label: t('reviewConsole.allStars') },
            ...[5, 4, 3, 2, 1].map((n) => ({ value: n, label: t('reviewConsole.starsN', { n }) })),
          ]}
        />
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          data-testid="reviews-table"
          scroll={{ x: 'max-content' }}
          empty={<EmptyState title={t('reviewConsole.empty')} />}
          onRow={(r?: OwnReview) => ({ 'data-review-id': r?.id }) as object}
          columns={[
            {
              title: t('reviewConsole.product'),
              dataIndex: 'product',
              render: (_: unknown, r: OwnReview) => (
                <span className="cs-title-cell rv-console-product">
                  {r.product.imageUrl && <img className="cs-thumb" src={r.product.imageUrl} alt="" />}
                  <span data-user-content>
                    {r.product.title}
                    <br />
                    <span className="cs-muted">{r.specValues.join(' / ')}</span>
                  </span>
                </span>
              ),
            },
            {
              title: t('reviewConsole.stars'),
              dataIndex: 'stars',
              render: (_: unknown, r: OwnReview) => (
                <span>
                  <StarsView n={r.stars.product} />
                  <br />
                  <span className="cs-muted small">
                    {t('reviewConsole.starsLine', { p: r.stars.product, l: r.stars.logistics, s: r.stars.service })}
                  </span>
                </span>
              ),
            },
            {
              title: t('reviewConsole.content'),
              dataIndex: 'text',
              render: (_: unknown, r: OwnReview) => (
                <div className="rv-console-content">
                  <span className="cs-muted small" data-user-content>
                    {r.reviewer}
                  </span>
                  {r.text && (
                    <p className="rv-text" data-user-content>
                      {r.text}
                    </p>
                  )}
                  {r.photos.length > 0 && (
                    <div className="rv-console-photos">
                      {r.photos.map((u) => (
                        <img key={u} src={u} alt={t('reviews.photoAlt')} className="cs-thumb" />
                      ))}
                    </div>
                  )}
                  {r.followUp && (
                    <p className="rv-text">
                      <strong>{t('reviews.followUp')}：</strong>
                      <span data-user-content>{r.followUp.text}</span>
                    </p>
                  )}
                  {r.reply && (
                    <p className="rv-reply" data-testid="console-review-reply">
                      <strong>{t('reviews.reply')}：</strong>
                      <span data-user-content>{r.reply.text}</span>
                    </p>
                  )}
                  {r.flags.length > 0 && (
                    <Tag color="orange">
                      {t('reviewConsole.flagged', { terms: [...new Set(r.flags.map((f) => f.term))].join('、') })}
                    </Tag>
                  )}
                </div>
              ),
            },
            {
              title: t('reviewConsole.time'),
              dataIndex: 'createdAt',
              render: (v: number) => formatDateTime(v, i18n.language),
            },
            {
              title: t('reviewConsole.actions'),
              dataIndex: 'id',
              render: (_: unknown, r: OwnReview) =>
                r.canReply ? (
                  <Button
                    theme="solid"
                    size="small"
                    onClick={() => {
                      setReplying(r);
                      setText('');
                    }}
                    data-testid="review-reply-open"
                  >
                    {t('reviewConsole.reply')}
                  </Button>
                ) : (
                  <Tag color="green">{t('reviewConsole.repliedTag')}</Tag>
                ),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
      <Modal
        visible={replying !== null}
        title={t('reviewConsole.replyTitle')}
        onCancel={() => setReplying(null)}
        onOk={() => void sendReply()}
        okText={t('reviewConsole.replySubmit')}
        cancelText={t('dialog.cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: !text.trim(), 'data-testid': 'review-reply-ok' } as object}
        data-testid="review-reply-modal"
      >
        {replying && (
          <div className="cs-section-gap">
            {replying.text && (
              <p className="rv-text" data-user-content>
                {replying.text}
              </p>
            )}
            <TextArea
              value={text}
              onChange={setText}
              maxCount={MAX_REVIEW_TEXT}
              maxLength={MAX_REVIEW_TEXT}
              autosize={{ minRows: 3 }}
              placeholder={t('reviewConsole.replyPlaceholder')}
              data-testid="review-reply-text"
            />
          </div>
        )}
      </Modal>
    </>
  );
}
