import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TabPane, Tabs, Typography } from '@douyinfe/semi-ui-19';
import { ActivitiesTab } from './ActivitiesTab';
import { ApplicationsTab } from './ApplicationsTab';
import { PerformanceTab } from './PerformanceTab';
import { PlansTab } from './PlansTab';
import { SamplesTab } from './SamplesTab';

type Tab = 'plans' | 'applications' | 'samples' | 'activities' | 'performance';

/** 达人合作: commission plans, creators' applications, sample requests, colonel activities and creator performance of one shop. */
export function AffiliateView({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('plans');
  const [plansVersion, setPlansVersion] = useState(0);
  const label = (k: Tab) => <span data-testid={`affiliate-tab-${k}`}>{t(`affiliate.merchant.tabs.${k}`)}</span>;
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.merchant.title')}
      </Typography.Title>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as Tab)} keepDOM={false}>
        <TabPane itemKey="plans" tab={label('plans')}>
          <PlansTab key={plansVersion} shopId={shopId} />
        </TabPane>
        <TabPane itemKey="applications" tab={label('applications')}>
          <ApplicationsTab shopId={shopId} />
        </TabPane>
        <TabPane itemKey="samples" tab={label('samples')}>
          <SamplesTab shopId={shopId} />
        </TabPane>
        <TabPane itemKey="activities" tab={label('activities')}>
          <ActivitiesTab
            shopId={shopId}
            onApplied={() => {
              setPlansVersion((v) => v + 1);
              setTab('plans');
            }}
          />
        </TabPane>
        <TabPane itemKey="performance" tab={label('performance')}>
          <PerformanceTab shopId={shopId} />
        </TabPane>
      </Tabs>
    </>
  );
}
