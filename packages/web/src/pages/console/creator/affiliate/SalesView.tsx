import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Radio, RadioGroup, Typography } from '@douyinfe/semi-ui-19';
import { creatorEarnings } from '../../../../api/affiliate';
import { LoadView, useLoad } from '../../shell/common';
import { PerformanceTable } from '../../affiliate/PerformanceTable';
import { PendingCommissionCard } from '../../affiliate/PendingCommissionCard';

/** 带货收益: my attributed sales and commission of the last 30 days (settled and pending), by product or video. */
export function SalesView() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<'product' | 'video'>('product');
  const report = useLoad(() => creatorEarnings(groupBy), [groupBy]);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.sales.title')}
      </Typography.Title>
      <div className="cs-toolbar">
        <RadioGroup type="button" value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
          <Radio value="product" data-testid="sales-by-product">
            {t('affiliate.perf.by.product')}
          </Radio>
          <Radio value="video" data-testid="sales-by-video">
            {t('affiliate.perf.by.video')}
          </Radio>
        </RadioGroup>
        <span className="cs-muted">{t('affiliate.perf.period')}</span>
      </div>
      <LoadView state={report}>
        {(r) => <PerformanceTable key={r.groupBy} report={r} party="creator" testId="creator-sales" />}
      </LoadView>
      <PendingCommissionCard party="creator" />
    </>
  );
}
