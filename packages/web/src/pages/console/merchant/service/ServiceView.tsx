import { useTranslation } from 'react-i18next';
import { TabPane, Tabs, Typography } from '@douyinfe/semi-ui-19';
import { DeskView } from './DeskView';
import { ServiceReportView } from './ServiceReportView';
import { ServiceSettingsView } from './ServiceSettingsView';
import '../../../service/service.css';

/** 客服: the desk (工作台), the figures (客服数据) and the settings (quick replies, keyword FAQ, hours, away reply). */
export function ServiceView({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('serviceDesk.title')}
      </Typography.Title>
      <Tabs type="line" lazyRender keepDOM={false} data-testid="service-tabs">
        <TabPane itemKey="desk" tab={<span data-testid="service-tab-desk">{t('serviceDesk.tabs.desk')}</span>}>
          <DeskView shopId={shopId} />
        </TabPane>
        <TabPane itemKey="report" tab={<span data-testid="service-tab-report">{t('serviceDesk.tabs.report')}</span>}>
          <ServiceReportView shopId={shopId} />
        </TabPane>
        <TabPane
          itemKey="settings"
          tab={<span data-testid="service-tab-settings">{t('serviceDesk.tabs.settings')}</span>}
        >
          <ServiceSettingsView shopId={shopId} />
        </TabPane>
      </Tabs>
    </>
  );
}
