import { useTranslation } from 'react-i18next';
import { Button, Space, Table } from '@douyinfe/semi-ui-19';
import { activityProducts, decideActivityProduct, formatBp, type ActivityProduct } from '../../../api/affiliate';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { useRowAction } from '../shell/useRowAction';
import { PlanStateTag } from '../affiliate/PlanStateTag';

/** The products merchants applied into one activity, with their rates; approve (it joins at once) or reject the pending ones. */
export function ActivityProducts({ activityId }: { activityId: string }) {
  const { t, i18n } = useTranslation();
  const products = useLoad(() => activityProducts(activityId, null), [activityId]);
  const { busy, run } = useRowAction(products.reload);
  return (
    <LoadView state={products} rows={2}>
      {({ items }) => (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          data-testid="activity-products"
          onRow={(p?: ActivityProduct) =>
            ({ 'data-plan-id': p?.id ?? '', 'data-product-id': p?.productId ?? '' }) as Record<string, string>
          }
          empty={<EmptyState title={t('affiliate.colonel.noProducts')} />}
          columns={[
            { title: t('affiliate.plans.product'), dataIndex: 'productTitle' },
            {
              title: t('affiliate.plans.rate'),
              dataIndex: 'rateBp',
              align: 'right',
              render: (_: number | null, p: ActivityProduct) => formatBp(p.rateBp ?? p.requestedRateBp),
            },
            {
              title: t('affiliate.plans.state'),
              dataIndex: 'state',
              render: (s: string) => <PlanStateTag state={s} />,
            },
            {
              title: t('affiliate.applications.at'),
              dataIndex: 'createdAt',
              render: (v: number) => formatDateTime(v, i18n.language),
            },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'id',
              render: (id: string, p: ActivityProduct) =>
                p.state === 'pending' ? (
                  <Space>
                    <Button
                      size="small"
                      theme="solid"
                      loading={busy === id}
                      onClick={() =>
                        void run(id, () => decideActivityProduct(id, 'approve'), t('affiliate.applications.approved'))
                      }
                      data-testid="activity-product-approve"
                    >
                      {t('affiliate.applications.approve')}
                    </Button>
                    <Button
                      size="small"
                      type="danger"
                      disabled={busy === id}
                      onClick={() =>
                        void run(id, () => decideActivityProduct(id, 'reject'), t('affiliate.applications.rejected'))
                      }
                      data-testid="activity-product-reject"
                    >
                      {t('affiliate.applications.reject')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      )}
    </LoadView>
  );
}
