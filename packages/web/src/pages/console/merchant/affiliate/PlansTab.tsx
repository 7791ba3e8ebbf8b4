import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Popconfirm, Space, Table, Tag, Toast } from '@douyinfe/semi-ui-19';
import { IconPlus } from '@douyinfe/semi-icons';
import { closePlan, formatBp, listShopPlans, type ShopPlan } from '../../../../api/affiliate';
import { formatDateTime } from '../../../../lib/format';
import { CursorPager, useCursorPages } from '../../shell/CursorPager';
import { EmptyState, ErrorState } from '../../shell/common';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';
import { PlanStateTag } from '../../affiliate/PlanStateTag';
import { PlanFormModal } from './PlanFormModal';
import { RateModal } from './RateModal';
import { PlanDetailSheet } from './PlanDetailSheet';

/** 佣金计划: every plan of the shop with its rate in force and any change waiting for 00:00; open, re-rate, close. */
export function PlansTab({ shopId }: { shopId: string }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages((cursor) => listShopPlans(shopId, cursor), [shopId]);
  const [creating, setCreating] = useState(false);
  const [rating, setRating] = useState<ShopPlan | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);

  async function close(p: ShopPlan) {
    setBusy(p.id);
    try {
      const res = await closePlan(p.id);
      Toast.success(t('affiliate.plans.closing', { at: formatDateTime(res.effectiveAt, i18n.language) }));
      pages.reload();
    } catch (e) {
      Toast.error(affiliateErrorText(e, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <div className="cs-toolbar">
        <span className="cs-muted">{t('affiliate.plans.hint')}</span>
        <span className="cs-grow" />
        <Button theme="solid" icon={<IconPlus />} onClick={() => setCreating(true)} data-testid="plan-new">
          {t('affiliate.plans.new')}
        </Button>
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          data-testid="plans-table"
          scroll={{ x: 'max-content' }}
          onRow={(p?: ShopPlan) =>
            ({ 'data-plan-id': p?.id ?? '', 'data-product-id': p?.productId ?? '' }) as Record<string, string>
          }
          empty={<EmptyState title={t('affiliate.plans.empty')} />}
          columns={[
            { title: t('affiliate.plans.product'), dataIndex: 'productTitle' },
            {
              title: t('affiliate.plans.name'),
              dataIndex: 'name',
              render: (n: string, p: ShopPlan) => (
                <Space>
                  <Tag size="small" color="blue">
                    {t(`affiliate.kind.${p.kind}`)}
                  </Tag>
                  {n}
                </Space>
              ),
            },
            {
              title: t('affiliate.plans.state'),
              dataIndex: 'state',
              render: (s: string) => <PlanStateTag state={s} />,
            },
            {
              title: t('affiliate.plans.rate'),
              dataIndex: 'rateBp',
              align: 'right',
              render: (r: number | null) => <strong data-testid="plan-rate-cell">{formatBp(r)}</strong>,
            },
            {
              title: t('affiliate.plans.pending'),
              dataIndex: 'pending',
              render: (pd: ShopPlan['pending']) =>
                pd ? (
                  <span data-testid="plan-pending">
                    {pd.change === 'close'
                      ? t('affiliate.plans.pendingClose', { at: formatDateTime(pd.effectiveAt, i18n.language) })
                      : t('affiliate.plans.pendingCut', {
                          rate: formatBp(pd.rateBp),
                          at: formatDateTime(pd.effectiveAt, i18n.language),
                        })}
                  </span>
                ) : (
                  <span className="cs-muted">—</span>
                ),
            },
            {
              title: t('affiliate.plans.created_'),
              dataIndex: 'createdAt',
              render: (v: number) => formatDateTime(v, i18n.language),
            },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'id',
              render: (_: unknown, p: ShopPlan) => (
                <Space>
                  <Button size="small" theme="borderless" onClick={() => setOpened(p.id)} data-testid="plan-open">
                    {t('affiliate.plans.details')}
                  </Button>
                  {p.state === 'active' && (
                    <Button size="small" onClick={() => setRating(p)} data-testid="plan-rate-change">
                      {t('affiliate.plans.changeRate')}
                    </Button>
                  )}
                  {p.state === 'active' && (
                    <Popconfirm
                      title={t('affiliate.plans.confirmClose')}
                      content={t('affiliate.plans.closeRule')}
                      onConfirm={() => void close(p)}
                    >
                      <span>
                        <Button size="small" type="danger" loading={busy === p.id}>
                          {t('affiliate.plans.close')}
                        </Button>
                      </span>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
      {creating && (
        <PlanFormModal
          shopId={shopId}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            pages.reload();
          }}
        />
      )}
      {opened && <PlanDetailSheet planId={opened} onClose={() => setOpened(null)} />}
      {rating && <RateModal plan={rating} onClose={() => setRating(null)} onChanged={pages.reload} />}
    </>
  );
}
