import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Modal, Select, Space, Table, Toast } from '@douyinfe/semi-ui-19';
import {
  applyToActivity,
  formatBp,
  listedShopProducts,
  openActivities,
  percentToBp,
  type Activity,
} from '../../../../api/affiliate';
import { formatDateTime } from '../../../../lib/format';
import { EmptyState, LoadView, useLoad } from '../../shell/common';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';

/** 团长活动: colonels' running activities with their commission floor and service fee; apply a product into one (the colonel approves). */
export function ActivitiesTab({ shopId, onApplied }: { shopId: string; onApplied: () => void }) {
  const { t, i18n } = useTranslation();
  const activities = useLoad(openActivities, []);
  const [applying, setApplying] = useState<Activity | null>(null);
  return (
    <>
      <p className="cs-muted">{t('affiliate.activities.hint')}</p>
      <LoadView state={activities}>
        {({ items }) => (
          <Table
            rowKey="id"
            pagination={false}
            dataSource={items}
            data-testid="activities-table"
            onRow={(a?: Activity) => ({ 'data-activity-id': a?.id ?? '' }) as Record<string, string>}
            empty={<EmptyState title={t('affiliate.activities.empty')} />}
            columns={[
              { title: t('affiliate.activities.name'), dataIndex: 'name' },
              {
                title: t('affiliate.activities.floor'),
                dataIndex: 'commissionFloorBp',
                align: 'right',
                render: (v: number) => formatBp(v),
              },
              {
                title: t('affiliate.activities.fee'),
                dataIndex: 'serviceFeeBp',
                align: 'right',
                render: (v: number) => formatBp(v),
              },
              {
                title: t('affiliate.activities.period'),
                dataIndex: 'startsAt',
                render: (_: number, a: Activity) =>
                  `${formatDateTime(a.startsAt, i18n.language)} – ${formatDateTime(a.endsAt, i18n.language)}`,
              },
              {
                title: t('consoleUi.actions'),
                dataIndex: 'id',
                render: (_: unknown, a: Activity) => (
                  <Button size="small" onClick={() => setApplying(a)} data-testid="activity-apply">
                    {t('affiliate.activities.apply')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </LoadView>
      {applying && (
        <ApplyModal
          shopId={shopId}
          activity={applying}
          onClose={() => setApplying(null)}
          onDone={() => {
            setApplying(null);
            onApplied();
          }}
        />
      )}
    </>
  );
}

function ApplyModal({
  shopId,
  activity,
  onClose,
  onDone,
}: {
  shopId: string;
  activity: Activity;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const products = useLoad(() => listedShopProducts(shopId), [shopId]);
  const [productId, setProductId] = useState<string | null>(null);
  const [rate, setRate] = useState(String(activity.commissionFloorBp / 100));
  const [busy, setBusy] = useState(false);
  const rateBp = percentToBp(rate);
  const max = 9000 - activity.serviceFeeBp;
  const rateOk = rateBp !== null && rateBp >= activity.commissionFloorBp && rateBp <= max;

  async function submit() {
    if (!productId || rateBp === null) return;
    setBusy(true);
    try {
      await applyToActivity(productId, activity.id, rateBp);
      Toast.success(t('affiliate.activities.applied'));
      onDone();
    } catch (e) {
      Toast.error(affiliateErrorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      visible
      closeOnEsc
      title={t('affiliate.activities.applyTitle', { name: activity.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      cancelText={t('consoleUi.cancel')}
      okText={t('affiliate.activities.apply')}
      okButtonProps={{
        disabled: !productId || !rateOk,
        loading: busy,
        ...({ 'data-testid': 'activity-apply-ok' } as object),
      }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <label className="cs-muted">{t('affiliate.plans.product')}</label>
        <Select
          style={{ width: '100%' }}
          filter
          loading={products.loading}
          value={productId ?? undefined}
          onChange={(v) => setProductId(String(v))}
          placeholder={t('affiliate.plans.pickProduct')}
          optionList={(products.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
          data-testid="activity-product"
        />
        <label className="cs-muted">
          {t('affiliate.activities.rateRange', { min: formatBp(activity.commissionFloorBp), max: formatBp(max) })}
        </label>
        <Input
          value={rate}
          onChange={setRate}
          suffix="%"
          validateStatus={rate && !rateOk ? 'error' : 'default'}
          data-testid="activity-rate"
        />
      </Space>
    </Modal>
  );
}
