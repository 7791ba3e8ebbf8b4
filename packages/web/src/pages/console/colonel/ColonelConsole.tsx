import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { IconFlag, IconHistogram, IconCoinMoneyStroked } from '@douyinfe/semi-icons';
import { ConsoleShell } from '../shell/ConsoleShell';
import { EmptyState } from '../shell/common';
import { CreatorEarnings } from '../money/CreatorEarnings';
import { ActivitiesView } from './ActivitiesView';
import { ColonelEarningsView } from './ColonelEarningsView';

/** 团长中心: 招商活动 (open, review merchants' products) · 收益 (service fees by product or creator) · 资金. */
export default function ColonelConsole() {
  const { t } = useTranslation();
  const nav = [
    { path: '', text: t('affiliate.colonel.nav.activities'), icon: <IconFlag /> },
    { path: 'earnings', text: t('affiliate.colonel.nav.earnings'), icon: <IconHistogram /> },
    { path: 'funds', text: t('consoleUi.nav.funds'), icon: <IconCoinMoneyStroked /> },
  ];
  return (
    <ConsoleShell kind="colonel" nav={nav}>
      {() => (
        <Routes>
          <Route index element={<ActivitiesView />} />
          <Route path="earnings" element={<ColonelEarningsView />} />
          <Route path="funds" element={<CreatorEarnings />} />
          <Route path="*" element={<EmptyState title={t('consoleUi.pageMissing')} />} />
        </Routes>
      )}
    </ConsoleShell>
  );
}
