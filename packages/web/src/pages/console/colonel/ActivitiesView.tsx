import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Table, Tag, Typography } from '@douyinfe/semi-ui-19';
import { IconPlus } from '@douyinfe/semi-icons';
import { formatBp, myActivities, type Activity } from '../../../api/affiliate';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { ActivityFormModal } from './ActivityFormModal';
import { ActivityProducts } from './ActivityProducts';

/** 招商活动: my activities (floor, service fee, period); open one to review the products merchants applied into it. */
export function ActivitiesView() {
  const { t, i18n } = useTranslation();
  const activities = useLoad(myActivities, []);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.colonel.title')}
      </Typography.Title>
      <div className="cs-toolbar">
        <span className="cs-muted">{t('affiliate.colonel.hint')}</span>
        <span className="cs-grow" />
        <Button theme="solid" icon={<IconPlus />} onClick={() => setCreating(true)} data-testid="activity-new">
          {t('affiliate.colonel.new')}
        </Button>
      </div>
      <LoadView state={activities}>
        {({ items }) => (
          <Table
            rowKey="id"
            pagination={false}
            dataSource={items}
            data-testid="colonel-activities"
            onRow={(a?: Activity) => ({ 'data-activity-id': a?.id ?? '' }) as Record<string, string>}
            empty={<EmptyState title={t('affiliate.colonel.empty')} />}
            expandedRowKeys={open ? [open] : []}
            expandedRowRender={(a?: Activity) => (a ? <ActivityProducts activityId={a.id} /> : null)}
            onExpand={(expanded, a) => setOpen(expanded && a && 'id' in a ? a.id : null)}
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
                title: t('affiliate.plans.state'),
                dataIndex: 'running',
                render: (r: boolean) => (
                  <Tag size="small" color={r ? 'green' : 'grey'}>
                    {t(r ? 'affiliate.colonel.running' : 'affiliate.colonel.notRunning')}
                  </Tag>
                ),
              },
              {
                title: t('consoleUi.actions'),
                dataIndex: 'id',
                render: (id: string) => (
                  <Button size="small" onClick={() => setOpen(open === id ? null : id)} data-testid="activity-review">
                    {t('affiliate.colonel.review')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </LoadView>
      {creating && (
        <ActivityFormModal
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            activities.reload();
          }}
        />
      )}
    </>
  );
}
