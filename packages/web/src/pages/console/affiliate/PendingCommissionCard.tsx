import { useTranslation } from 'react-i18next';
import { Card, Table, Tag, Typography } from '@douyinfe/semi-ui-19';
import { pendingCommission, type PendingCommission, type PendingCommissionOrder } from '../../../api/affiliate';
import { formatDateTime } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { EmptyState, LoadView, useLoad } from '../shell/common';

/** 待结算佣金: orders attributed to me, paid and not settled yet, with what I expect from each and when it settles. */
export function PendingCommissionCard({ party }: { party: PendingCommission['party'] }) {
  const { t, i18n } = useTranslation();
  const state = useLoad(() => pendingCommission(party), [party]);
  return (
    <Card className="cs-section-gap" data-testid="pending-commission" title={t('affiliate.pending.title')}>
      <LoadView state={state} rows={3}>
        {(p) => (
          <>
            <div style={{ display: 'flex', gap: 32, alignItems: 'baseline', marginBottom: 12 }}>
              <div>
                <div className="cs-muted">{t('affiliate.pending.total')}</div>
                <Typography.Title heading={3} data-testid="pending-commission-total">
                  {formatFen(p.totalFen)}
                </Typography.Title>
              </div>
              <div>
                <div className="cs-muted">{t('affiliate.pending.orders')}</div>
                <Typography.Title heading={5}>{p.orders}</Typography.Title>
              </div>
              <span className="cs-muted">{t('affiliate.pending.hint')}</span>
            </div>
            <Table
              size="small"
              rowKey="orderId"
              pagination={p.items.length > 10 ? { pageSize: 10 } : false}
              dataSource={p.items}
              empty={<EmptyState title={t('affiliate.pending.empty')} />}
              onRow={(r?: PendingCommissionOrder) => ({ 'data-order-id': r?.orderId }) as object}
              columns={[
                {
                  title: t('affiliate.pending.order'),
                  dataIndex: 'orderId',
                  render: (v: string, r: PendingCommissionOrder) => (
                    <span>
                      <span className="cs-mono">{v}</span>
                      <br />
                      <span className="cs-muted">{r.products.join('、')}</span>
                    </span>
                  ),
                },
                {
                  title: t('affiliate.pending.paidAt'),
                  dataIndex: 'paidAt',
                  render: (v: number) => formatDateTime(v, i18n.language),
                },
                {
                  title: t('affiliate.pending.status'),
                  dataIndex: 'orderStatus',
                  render: (v: string) => (
                    <Tag>{i18n.exists(`consoleUi.status.${v}`) ? t(`consoleUi.status.${v}`) : v}</Tag>
                  ),
                },
                {
                  title: t('affiliate.pending.expected'),
                  dataIndex: 'expectedFen',
                  align: 'right',
                  render: (v: number) => <strong data-testid="pending-expected">{formatFen(v)}</strong>,
                },
                {
                  title: t('affiliate.pending.settlesAt'),
                  dataIndex: 'settleDueAt',
                  render: (v: number | null, r: PendingCommissionOrder) =>
                    v === null ? (
                      <span className="cs-muted">
                        {t('affiliate.pending.afterReceipt', { days: r.settleWindowDays })}
                      </span>
                    ) : (
                      formatDateTime(v, i18n.language)
                    ),
                },
              ]}
            />
          </>
        )}
      </LoadView>
    </Card>
  );
}
