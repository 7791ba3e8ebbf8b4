import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Radio, RadioGroup } from '@douyinfe/semi-ui-19';
import { shopPerformance } from '../../../../api/affiliate';
import { LoadView, useLoad } from '../../shell/common';
import { PerformanceTable } from '../../affiliate/PerformanceTable';
import { PerformanceChart } from './PerformanceChart';

/** 达人业绩: the last 30 days of creator-driven sales — GMV, orders, refunds and the commissions they cost, by creator or product. */
export function PerformanceTab({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<'creator' | 'product'>('creator');
  const report = useLoad(() => shopPerformance(shopId, groupBy), [shopId, groupBy]);
  return (
    <>
      <div className="cs-toolbar">
        <RadioGroup type="button" value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
          <Radio value="creator">{t('affiliate.perf.by.creator')}</Radio>
          <Radio value="product">{t('affiliate.perf.by.product')}</Radio>
        </RadioGroup>
        <span className="cs-muted">{t('affiliate.perf.period')}</span>
      </div>
      <LoadView state={report}>
        {(r) => (
          <>
            <PerformanceChart rows={r.rows} />
            <PerformanceTable report={r} party="merchant" testId="merchant-perf" />
          </>
        )}
      </LoadView>
    </>
  );
}
