import { useTranslation } from 'react-i18next';
import { Descriptions, Table } from '@douyinfe/semi-ui-19';
import { formatFen } from '../../../lib/money';
import type { PerformanceReport, PerformanceRow } from '../../../api/affiliate';
import { EmptyState } from '../shell/common';

type Party = 'merchant' | 'creator' | 'mcn' | 'colonel';
type Column = 'creatorFen' | 'mcnFen' | 'colonelFen';

/** The columns each party sees besides GMV, orders and refunds (the merchant sees every commission it pays). */
const PARTY_COLUMNS: Record<Party, Column[]> = {
  merchant: ['creatorFen', 'mcnFen', 'colonelFen'],
  creator: ['creatorFen'],
  mcn: ['creatorFen', 'mcnFen'],
  colonel: ['colonelFen'],
};
const OWN: Record<Party, Column | null> = {
  merchant: null,
  creator: 'creatorFen',
  mcn: 'mcnFen',
  colonel: 'colonelFen',
};

/**
 * A performance report (GMV, orders, refunds, commissions, settled) as totals and a table,
 * one row per creator, product or video. Amounts are integer fen shown as ¥.
 */
export function PerformanceTable({
  report,
  party,
  testId,
}: {
  report: PerformanceReport;
  party: Party;
  testId: string;
}) {
  const { t } = useTranslation();
  const own = OWN[party];
  const money = (fen: number) => formatFen(fen);
  const totals = [
    {
      key: t('affiliate.perf.gmv'),
      value: <span data-testid={`${testId}-total-gmv`}>{money(report.total.gmvFen)}</span>,
    },
    { key: t('affiliate.perf.orders'), value: report.total.orders },
    { key: t('affiliate.perf.refunds'), value: money(report.total.refundsFen) },
    ...(own
      ? [
          {
            key: t(`affiliate.perf.own.${party}`),
            value: <strong data-testid={`${testId}-total-own`}>{money(report.total[own])}</strong>,
          },
        ]
      : []),
    {
      key: t(`affiliate.perf.settled.${party}`),
      value: <span data-testid={`${testId}-total-settled`}>{money(report.total.settledFen)}</span>,
    },
  ];
  return (
    <div data-testid={testId}>
      <Descriptions row size="small" data={totals} style={{ marginBottom: 12 }} />
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={report.rows}
        empty={<EmptyState title={t('affiliate.perf.empty')} />}
        onRow={(r?: PerformanceRow) => ({ 'data-key': r?.key ?? '' }) as Record<string, string>}
        columns={[
          {
            title: t(`affiliate.perf.by.${report.groupBy}`),
            dataIndex: 'label',
            render: (label: string, r: PerformanceRow) => label || r.key || t('affiliate.perf.none'),
          },
          {
            title: t('affiliate.perf.gmv'),
            dataIndex: 'gmvFen',
            align: 'right',
            render: (v: number) => <span data-col="gmv">{money(v)}</span>,
          },
          { title: t('affiliate.perf.orders'), dataIndex: 'orders', align: 'right' },
          {
            title: t('affiliate.perf.refunds'),
            dataIndex: 'refundsFen',
            align: 'right',
            render: (v: number) => money(v),
          },
          ...PARTY_COLUMNS[party].map((c) => ({
            title: t(`affiliate.perf.col.${c}`),
            dataIndex: c,
            align: 'right' as const,
            render: (v: number) => <span data-col={c}>{money(v)}</span>,
          })),
          {
            title: t(`affiliate.perf.settled.${party}`),
            dataIndex: 'settledFen',
            align: 'right',
            render: (v: number) => <span data-col="settled">{money(v)}</span>,
          },
        ]}
      />
      {report.truncated && <p className="cs-muted">{t('affiliate.perf.truncated')}</p>}
    </div>
  );
}
