import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Radio, RadioGroup, Space, Table } from '@douyinfe/semi-ui-19';
import { decideApplication, listShopApplications, listShopPlans, type Application } from '../../../../api/affiliate';
import { formatDateTime } from '../../../../lib/format';
import { EmptyState, LoadView, useLoad } from '../../shell/common';
import { useRowAction } from '../../shell/useRowAction';
import { PlanStateTag } from '../../affiliate/PlanStateTag';

const STATUSES = ['pending', 'approved', 'rejected'] as const;

/** 达人申请: creators who applied to the shop's targeted plans (and those it named); approve or reject the pending ones. */
export function ApplicationsTab({ shopId }: { shopId: string }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('pending');
  const apps = useLoad(() => listShopApplications(shopId, status), [shopId, status]);
  const plans = useLoad(() => listShopPlans(shopId, null, 100), [shopId]);
  const { busy, run } = useRowAction(apps.reload);
  const planOf = new Map((plans.data?.items ?? []).map((p) => [p.id, p]));
  const rowId = (a: Application) => `${a.planId}:${a.creatorId}`;

  return (
    <>
      <div className="cs-toolbar">
        <RadioGroup
          type="button"
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
          data-testid="applications-filter"
        >
          {STATUSES.map((s) => (
            <Radio key={s} value={s}>
              {t(`affiliate.state.${s}`)}
            </Radio>
          ))}
        </RadioGroup>
      </div>
      <LoadView state={apps}>
        {({ items }) => (
          <Table
            rowKey={(a?: Application) => (a ? rowId(a) : '')}
            pagination={false}
            dataSource={items}
            data-testid="applications-table"
            onRow={(a?: Application) =>
              ({ 'data-creator-id': a?.creatorId ?? '', 'data-plan-id': a?.planId ?? '' }) as Record<string, string>
            }
            empty={<EmptyState title={t('affiliate.applications.empty')} />}
            columns={[
              {
                title: t('affiliate.applications.creator'),
                dataIndex: 'displayName',
                render: (n: string, a: Application) => (
                  <span>
                    {n}
                    <br />
                    <span className="cs-muted">{a.creatorId}</span>
                  </span>
                ),
              },
              {
                title: t('affiliate.applications.plan'),
                dataIndex: 'planId',
                render: (id: string) =>
                  planOf.get(id) ? `${planOf.get(id)!.productTitle} · ${planOf.get(id)!.name}` : id,
              },
              {
                title: t('affiliate.applications.note'),
                dataIndex: 'note',
                render: (n: string) => n || <span className="cs-muted">—</span>,
              },
              {
                title: t('affiliate.applications.source'),
                dataIndex: 'source',
                render: (s: string) => t(`affiliate.applications.sources.${s}`, { defaultValue: s }),
              },
              {
                title: t('affiliate.plans.state'),
                dataIndex: 'status',
                render: (s: string) => <PlanStateTag state={s} />,
              },
              {
                title: t('affiliate.applications.at'),
                dataIndex: 'createdAt',
                render: (v: number) => formatDateTime(v, i18n.language),
              },
              {
                title: t('consoleUi.actions'),
                dataIndex: 'creatorId',
                render: (_: unknown, a: Application) =>
                  a.status === 'pending' ? (
                    <Space>
                      <Button
                        size="small"
                        theme="solid"
                        loading={busy === rowId(a)}
                        onClick={() =>
                          void run(
                            rowId(a),
                            () => decideApplication(a.planId, a.creatorId, 'approve'),
                            t('affiliate.applications.approved'),
                          )
                        }
                        data-testid="application-approve"
                      >
                        {t('affiliate.applications.approve')}
                      </Button>
                      <Button
                        size="small"
                        type="danger"
                        disabled={busy === rowId(a)}
                        onClick={() =>
                          void run(
                            rowId(a),
                            () => decideApplication(a.planId, a.creatorId, 'reject'),
                            t('affiliate.applications.rejected'),
                          )
                        }
                        data-testid="application-reject"
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
    </>
  );
}
