import { useTranslation } from 'react-i18next';
import { Banner, Table, Tag } from '@douyinfe/semi-ui-19';
import { formatFen } from '../../../../lib/money';
import { supplyApi, type SupplierQuality } from '../../../../api/supply';
import { EmptyState, ErrorState, useLoad } from '../../shell/common';

const scoreColor = (s: number): 'green' | 'orange' | 'red' => (s >= 90 ? 'green' : s >= 70 ? 'orange' : 'red');

/** 质量评分: per supplier, what shipped from its batches, the quality cases and refunds on it, the 0–100 score (lowest first). */
export function QualityTab({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const list = useLoad(() => supplyApi.quality(shopId), [shopId]);
  if (list.error != null) return <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Banner type="info" closeIcon={null} description={t('supply.quality.formula')} style={{ marginBottom: 12 }} />
      <Table
        loading={list.loading}
        rowKey="supplierId"
        pagination={false}
        dataSource={list.data ?? []}
        empty={<EmptyState title={t('supply.quality.empty')} />}
        data-testid="supplier-quality"
        columns={[
          { title: t('supply.quality.supplier'), dataIndex: 'supplierName' },
          {
            title: t('supply.quality.score'),
            dataIndex: 'score',
            render: (s: number | null) =>
              s === null ? (
                <span className="cs-muted">{t('supply.quality.unrated')}</span>
              ) : (
                <Tag color={scoreColor(s)} size="large">
                  {s}
                </Tag>
              ),
          },
          { title: t('supply.quality.batches'), dataIndex: 'batches', align: 'right' },
          { title: t('supply.quality.shipped'), dataIndex: 'shippedUnits', align: 'right' },
          {
            title: t('supply.quality.value'),
            dataIndex: 'shippedFen',
            align: 'right',
            render: (v: number) => formatFen(v),
          },
          { title: t('supply.quality.cases'), dataIndex: 'cases', align: 'right' },
          {
            title: t('supply.quality.claimed'),
            dataIndex: 'claimedUnits',
            align: 'right',
            render: (v: number, q: SupplierQuality) =>
              q.shippedUnits ? `${v} (${((v / q.shippedUnits) * 100).toFixed(1)}%)` : v,
          },
          {
            title: t('supply.quality.refund'),
            dataIndex: 'refundFen',
            align: 'right',
            render: (v: number) => formatFen(v),
          },
        ]}
      />
    </>
  );
}
