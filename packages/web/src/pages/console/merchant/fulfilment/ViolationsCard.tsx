import { useTranslation } from 'react-i18next';
import { Button, Card, Table, Tag } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../../lib/format';
import { formatFen } from '../../../../lib/money';
import { opsApi, type Violations } from '../../ops-api';
import { EmptyState, LoadView, useLoad } from '../../shell/common';

type Item = Violations['items'][number];

/** 违规积分: the shop's total and every violation, newest first. */
export function ViolationsCard({ shopId, onOpenOrder }: { shopId: string; onOpenOrder: (orderId: string) => void }) {
  const { t } = useTranslation();
  const state = useLoad(() => opsApi.violations(shopId), [shopId]);
  return (
    <Card
      title={t('ops.violations.title')}
      headerExtraContent={
        state.data && (
          <Tag color={state.data.milliPoints > 0 ? 'red' : 'green'} data-testid="violation-points">
            {t('ops.violations.total', { points: state.data.points })}
          </Tag>
        )
      }
      data-testid="violations-card"
    >
      <LoadView state={state} rows={3}>
        {(v) =>
          v.items.length === 0 ? (
            <EmptyState title={t('ops.violations.empty')} />
          ) : (
            <ViolationTable items={v.items} onOpenOrder={onOpenOrder} />
          )
        }
      </LoadView>
    </Card>
  );
}

function ViolationTable({ items, onOpenOrder }: { items: Item[]; onOpenOrder: (orderId: string) => void }) {
  const { t, i18n } = useTranslation();
  const when = (ms: number) => formatDateTime(ms, i18n.language);
  const detail = (v: Item): string => {
    const d = v.detail;
    if (v.rule === 'late_shipment' && typeof d.shipByAt === 'number' && typeof d.compensationFen === 'number')
      return t('ops.violations.lateDetail', { shipBy: when(d.shipByAt), comp: formatFen(d.compensationFen) });
    return '';
  };
  return (
    <Table
      size="small"
      rowKey={(v?: Item) => (v ? `${v.rule}:${v.subjectId}` : '')}
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10 } : false}
      data-testid="violations-table"
      columns={[
        { title: t('ops.violations.at'), dataIndex: 'at', render: (v: number) => when(v) },
        {
          title: t('ops.violations.rule'),
          dataIndex: 'rule',
          render: (r: string) => t(`ops.violations.ruleName.${r}`, { defaultValue: r }),
        },
        {
          title: t('ops.violations.subject'),
          dataIndex: 'subjectId',
          render: (id: string) =>
            id.startsWith('ord_') ? (
              <Button theme="borderless" size="small" onClick={() => onOpenOrder(id)}>
                <span className="cs-mono">{id}</span>
              </Button>
            ) : (
              <span className="cs-mono">{id}</span>
            ),
        },
        {
          title: t('ops.violations.points'),
          dataIndex: 'points',
          align: 'right',
          render: (p: number) => <span className="cs-countdown-urgent">−{p}</span>,
        },
        {
          title: t('ops.violations.detail'),
          dataIndex: 'detail',
          render: (_: unknown, v: Item) => <span className="cs-muted">{detail(v)}</span>,
        },
      ]}
    />
  );
}
