import { useTranslation } from 'react-i18next';
import { Button, Table, Typography } from '@douyinfe/semi-ui-19';
import { cancelSample, mySamples, type SampleRequest } from '../../../../api/affiliate-samples';
import { formatDateTime } from '../../../../lib/format';
import { CursorPager, useCursorPages } from '../../shell/CursorPager';
import { EmptyState, ErrorState } from '../../shell/common';
import { useRowAction } from '../../shell/useRowAction';
import { SampleStatusTag } from '../../affiliate/SampleStatusTag';

/** 我的寄样: my sample requests, newest first — status, the merchant's reason, the sample order; a waiting one can be withdrawn. */
export function SamplesView() {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages((cursor) => mySamples(cursor), []);
  const { busy, run } = useRowAction(pages.reload);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.samples.mine')}
      </Typography.Title>
      <p className="cs-muted">{t('affiliate.samples.rules')}</p>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          data-testid="my-samples-table"
          onRow={(r?: SampleRequest) => ({ 'data-sample-id': r?.id ?? '' }) as Record<string, string>}
          empty={<EmptyState title={t('affiliate.samples.empty')} />}
          columns={[
            {
              title: t('affiliate.samples.product'),
              dataIndex: 'productTitle',
              render: (title: string, r: SampleRequest) => (
                <span>
                  {title}
                  <br />
                  <span className="cs-muted">{r.specValues.join(' / ')}</span>
                </span>
              ),
            },
            {
              title: t('affiliate.samples.status'),
              dataIndex: 'status',
              render: (_: unknown, r: SampleRequest) => <SampleStatusTag status={r.status} />,
            },
            {
              title: t('affiliate.samples.reason'),
              dataIndex: 'reason',
              render: (v: string | null) => v ?? <span className="cs-muted">—</span>,
            },
            {
              title: t('affiliate.samples.order'),
              dataIndex: 'orderId',
              render: (id: string | null) =>
                id ? (
                  <a href={`/app/orders/${encodeURIComponent(id)}`} className="cs-mono" data-testid="sample-order">
                    {id}
                  </a>
                ) : (
                  <span className="cs-muted">—</span>
                ),
            },
            {
              title: t('affiliate.samples.at'),
              dataIndex: 'createdAt',
              render: (v: number) => formatDateTime(v, i18n.language),
            },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'id',
              render: (id: string, r: SampleRequest) =>
                r.status === 'requested' ? (
                  <Button
                    size="small"
                    loading={busy === id}
                    onClick={() => void run(id, () => cancelSample(id), t('affiliate.samples.cancelled'))}
                    data-testid="sample-cancel"
                  >
                    {t('affiliate.samples.cancel')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
    </>
  );
}
