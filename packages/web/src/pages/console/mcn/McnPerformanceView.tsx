import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Radio, RadioGroup, Typography } from '@douyinfe/semi-ui-19';
import { mcnPerformance } from '../../../api/affiliate';
import { LoadView, useLoad } from '../shell/common';
import { PerformanceTable } from '../affiliate/PerformanceTable';
import { PendingCommissionCard } from '../affiliate/PendingCommissionCard';

/** 业绩与分成: my creators' attributed sales in the last 30 days, their commission and my share, by creator or product. */
export function McnPerformanceView() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<'creator' | 'product'>('creator');
  const report = useLoad(() => mcnPerformance(groupBy), [groupBy]);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.mcn.nav.performance')}
      </Typography.Title>
      <div className="cs-toolbar">
        <RadioGroup type="button" value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
          <Radio value="creator">{t('affiliate.perf.by.creator')}</Radio>
          <Radio value="product">{t('affiliate.perf.by.product')}</Radio>
        </RadioGroup>
        <span className="cs-muted">{t('affiliate.perf.period')}</span>
      </div>
      <LoadView state={report}>{(r) => <PerformanceTable report={r} party="mcn" testId="mcn-performance" />}</LoadView>
      <PendingCommissionCard party="mcn" />
    </>
  );
}
