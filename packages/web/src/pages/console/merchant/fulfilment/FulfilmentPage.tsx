import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Typography } from '@douyinfe/semi-ui-19';
import { opsApi } from '../../ops-api';
import { LoadView, useLoad } from '../../shell/common';
import { OrderDrawer } from '../OrderDrawer';
import { CapacityCard } from './CapacityCard';
import { DeadlinesCard } from './DeadlinesCard';
import { PolicyCard } from './PolicyCard';
import { ProjectionCard } from './ProjectionCard';
import { ViolationsCard } from './ViolationsCard';
import './fulfilment.css';

/**
 * 履约中心: running deadlines as live countdowns (most urgent first), the capacity gauge with the
 * projection and the capacity form, each product's surge policy, and the violation points.
 * Loaded as its own chunk (it carries ECharts).
 */
export default function FulfilmentPage({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const projection = useLoad(async () => ({ p: await opsApi.projection(shopId), at: Date.now() }), [shopId, version]);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('ops.fulfilment.title')}
      </Typography.Title>
      <p className="cs-muted ff-lead">{t('ops.fulfilment.subtitle')}</p>
      <div className="ff-grid">
        <DeadlinesCard shopId={shopId} version={version} onOpenOrder={setOpen} />
        <LoadView state={projection} rows={8}>
          {({ p }) => <CapacityCard shopId={shopId} projection={p} onChanged={projection.reload} />}
        </LoadView>
      </div>
      <LoadView state={projection} rows={6}>
        {({ p, at }) => (
          <>
            {p.capacityPerDay !== null && <ProjectionCard projection={p} now={at} onOpenOrder={setOpen} />}
            <PolicyCard projection={p} onChanged={projection.reload} />
          </>
        )}
      </LoadView>
      <ViolationsCard shopId={shopId} onOpenOrder={setOpen} />
      {open && <OrderDrawer orderId={open} onClose={() => setOpen(null)} onChanged={() => setVersion((v) => v + 1)} />}
    </>
  );
}
