import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Radio, RadioGroup, Typography } from '@douyinfe/semi-ui-19';
import { colonelPerformance } from '../../../api/affiliate';
import { LoadView, useLoad } from '../shell/common';
import { PerformanceTable } from '../affiliate/PerformanceTable';
import { PendingCommissionCard } from '../affiliate/PendingCommissionCard';

/** 收益: sales through my activities in the last 30 days and my service fees, by product or creator. */
export function ColonelEarningsView() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<'product' | 'creator'>('product');
  const report = useLoad(() => colonelPerformance(groupBy), [groupBy]);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.colonel.nav.earnings')}
      </Typography.Title>
      <div className="cs-toolbar">
        <RadioGroup type="button" value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
          <Radio value="product">{t('affiliate.perf.by.product')}</Radio>
          <Radio value="creator">{t('affiliate.perf.by.creator')}</Radio>
        </RadioGroup>
        <span className="cs-muted">{t('affiliate.perf.period')}</span>
      </div>
      <LoadView state={report}>
        {(r) => <PerformanceTable report={r} party="colonel" testId="colonel-earnings" />}
      </LoadView>
      <PendingCommissionCard party="colonel" />
    </>
  );
}
