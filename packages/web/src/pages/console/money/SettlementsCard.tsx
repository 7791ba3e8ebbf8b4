import { useTranslation } from 'react-i18next';
import { Card, Table } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { moneyApi, type SettlementView } from '../api';
import { CursorPager, useCursorPages } from '../shell/CursorPager';
import { EmptyState, ErrorState } from '../shell/common';
import './money.css';

/** 结算明细: the shop's settled orders — gross, platform fee, commissions, what the shop got. */
export function SettlementsCard({ shopId }: { shopId: string }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages((cursor) => moneyApi.settlements(shopId, cursor), [shopId]);
  const fen = (v: number) => <span className="mn-amount">{formatFen(v)}</span>;
  const deduction = (v: number) => (
    <span className={`mn-amount${v ? ' mn-out' : ''}`}>{v ? `-${formatFen(v)}` : formatFen(0)}</span>
  );
  return (
    <Card
      title={t('consoleUi.money.settlements')}
      headerExtraContent={
        <span className="cs-muted" style={{ fontSize: 13 }}>
          {t('consoleUi.money.settlementsHint')}
        </span>
      }
    >
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          size="small"
          loading={pages.loading}
          rowKey="orderId"
          pagination={false}
          dataSource={pages.items ?? []}
          data-testid="settlements-table"
          empty={
            <EmptyState title={t('consoleUi.money.noSettlements')}>{t('consoleUi.money.noSettlementsNext')}</EmptyState>
          }
          onRow={(s?: SettlementView) => ({ 'data-order-id': s?.orderId }) as object}
          columns={[
            {
              title: t('consoleUi.orders.id'),
              dataIndex: 'orderId',
              render: (v: string) => <span className="cs-mono">{v}</span>,
            },
            { title: t('consoleUi.money.gross'), dataIndex: 'grossFen', align: 'right', render: fen },
            { title: t('consoleUi.money.fee'), dataIndex: 'feeFen', align: 'right', render: deduction },
            { title: t('consoleUi.money.commission'), dataIndex: 'commissionFen', align: 'right', render: deduction },
            {
              title: t('consoleUi.money.merchantNet'),
              dataIndex: 'merchantFen',
              align: 'right',
              render: (v: number) => <strong className="mn-amount">{formatFen(v)}</strong>,
            },
            {
              title: t('consoleUi.money.settledAt'),
              dataIndex: 'settledAt',
              render: (v: number) => formatDateTime(v, i18n.language),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
    </Card>
  );
}
