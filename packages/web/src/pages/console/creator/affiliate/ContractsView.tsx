import { useTranslation } from 'react-i18next';
import { Button, Popconfirm, Space, Table, Typography } from '@douyinfe/semi-ui-19';
import {
  acceptContract,
  declineContract,
  endContract,
  formatBp,
  myContracts,
  type Contract,
} from '../../../../api/affiliate';
import { formatDateTime } from '../../../../lib/format';
import { EmptyState, LoadView, useLoad } from '../../shell/common';
import { useRowAction } from '../../shell/useRowAction';
import { PlanStateTag } from '../../affiliate/PlanStateTag';

/** MCN 签约: MCN agencies' contract offers (accept or decline) and my contracts; a contract in force takes its share of my commission. */
export function ContractsView() {
  const { t, i18n } = useTranslation();
  const contracts = useLoad(myContracts, []);
  const { busy, run } = useRowAction(contracts.reload);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.contracts.title')}
      </Typography.Title>
      <p className="cs-muted">{t('affiliate.contracts.creatorHint')}</p>
      <LoadView state={contracts}>
        {({ items }) => (
          <Table
            rowKey="id"
            pagination={false}
            dataSource={items}
            data-testid="contracts-table"
            onRow={(c?: Contract) => ({ 'data-contract-id': c?.id ?? '' }) as Record<string, string>}
            empty={<EmptyState title={t('affiliate.contracts.empty')} />}
            columns={[
              { title: t('affiliate.contracts.mcn'), dataIndex: 'mcnName' },
              {
                title: t('affiliate.contracts.share'),
                dataIndex: 'shareBp',
                align: 'right',
                render: (v: number) => formatBp(v),
              },
              {
                title: t('affiliate.activities.period'),
                dataIndex: 'startsAt',
                render: (_: number, c: Contract) =>
                  `${formatDateTime(c.startsAt, i18n.language)} – ${formatDateTime(c.endsAt, i18n.language)}`,
              },
              {
                title: t('affiliate.plans.state'),
                dataIndex: 'status',
                render: (s: string, c: Contract) => (
                  <Space>
                    <PlanStateTag state={s} />
                    {c.inForce && <span className="cs-muted">{t('affiliate.contracts.inForce')}</span>}
                  </Space>
                ),
              },
              {
                title: t('consoleUi.actions'),
                dataIndex: 'id',
                render: (_: unknown, c: Contract) =>
                  c.status === 'proposed' ? (
                    <Space>
                      <Button
                        size="small"
                        theme="solid"
                        loading={busy === c.id}
                        onClick={() => void run(c.id, () => acceptContract(c.id), t('affiliate.contracts.accepted'))}
                        data-testid="contract-accept"
                      >
                        {t('affiliate.contracts.accept')}
                      </Button>
                      <Button
                        size="small"
                        type="danger"
                        disabled={busy === c.id}
                        onClick={() => void run(c.id, () => declineContract(c.id), t('affiliate.contracts.declined'))}
                        data-testid="contract-decline"
                      >
                        {t('affiliate.contracts.decline')}
                      </Button>
                    </Space>
                  ) : c.status === 'active' ? (
                    <Popconfirm
                      title={t('affiliate.contracts.confirmEnd')}
                      content={t('affiliate.contracts.endRule')}
                      onConfirm={() => void run(c.id, () => endContract(c.id), t('affiliate.contracts.ended'))}
                    >
                      <span>
                        <Button size="small" loading={busy === c.id}>
                          {t('affiliate.contracts.end')}
                        </Button>
                      </span>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        )}
      </LoadView>
    </>
  );
}
