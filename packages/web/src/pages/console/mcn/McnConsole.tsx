import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { IconUserGroup, IconHistogram, IconCoinMoneyStroked } from '@douyinfe/semi-icons';
import { ConsoleShell } from '../shell/ConsoleShell';
import { EmptyState } from '../shell/common';
import { CreatorEarnings } from '../money/CreatorEarnings';
import { McnContractsView } from './McnContractsView';
import { McnPerformanceView } from './McnPerformanceView';

/** MCN 机构: 签约达人 (offer contracts, end them) · 业绩与分成 (my creators' sales and my share) · 资金. */
export default function McnConsole() {
  const { t } = useTranslation();
  const nav = [
    { path: '', text: t('affiliate.mcn.nav.contracts'), icon: <IconUserGroup /> },
    { path: 'performance', text: t('affiliate.mcn.nav.performance'), icon: <IconHistogram /> },
    { path: 'funds', text: t('consoleUi.nav.funds'), icon: <IconCoinMoneyStroked /> },
  ];
  return (
    <ConsoleShell kind="mcn" nav={nav}>
      {() => (
        <Routes>
          <Route index element={<McnContractsView />} />
          <Route path="performance" element={<McnPerformanceView />} />
          <Route path="funds" element={<CreatorEarnings />} />
          <Route path="*" element={<EmptyState title={t('consoleUi.pageMissing')} />} />
        </Routes>
      )}
    </ConsoleShell>
  );
}
