import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import {
  IconUserGroup,
  IconApps,
  IconFolder,
  IconHistogram,
  IconFlag,
  IconBookStroked,
  IconShield,
  IconEyeOpened,
  IconAlertTriangle,
  IconCrownStroked,
  IconCode,
  IconHornStroked,
  IconPieChart2Stroked,
  IconPulse,
} from '@douyinfe/semi-icons';
import { CompassView } from '../compass/CompassView';
import { ConsoleShell } from '../shell/ConsoleShell';
import { EmptyState } from '../shell/common';
import { AdminMoney } from '../money/AdminMoney';
import { ArbitrationView } from './ArbitrationView';
import { CategoriesView } from './CategoriesView';
import { GovernanceView } from './governance/GovernanceView';
import { ModerationView } from './moderation/ModerationView';
import { AdminViolationsView } from '../violations/AdminViolationsView';
import { AdminExperienceView } from '../experience/AdminExperienceView';
import { AdminOpenPlatformView } from '../openplatform/AdminOpenPlatformView';
import { AdminAdsView } from '../ads/AdminAdsView';
import { ModelsView } from './models/ModelsView';
import { RulesView } from './RulesView';
import { ShopsView } from './ShopsView';
import { UsersView } from './UsersView';

/** 平台管理: 用户 · 店铺 · 类目与规则 · 平台规则 · 红线词库 · 内容审核 · 推荐模型 · 售后仲裁 · 结算与对账. */
export default function AdminConsole() {
  const { t } = useTranslation();
  const nav = [
    { path: '', text: t('consoleUi.nav.users'), icon: <IconUserGroup /> },
    { path: 'shops', text: t('consoleUi.nav.shops'), icon: <IconApps /> },
    { path: 'categories', text: t('consoleUi.nav.categories'), icon: <IconFolder /> },
    { path: 'rules', text: t('consoleUi.nav.rules'), icon: <IconBookStroked /> },
    { path: 'governance', text: t('governance.nav'), icon: <IconShield /> },
    { path: 'moderation', text: t('moderation.nav'), icon: <IconEyeOpened /> },
    { path: 'violations', text: t('violations.nav.admin'), icon: <IconAlertTriangle /> },
    { path: 'experience', text: t('experience.nav.admin'), icon: <IconCrownStroked /> },
    { path: 'ads', text: t('ads.nav.admin'), icon: <IconHornStroked /> },
    { path: 'models', text: t('models.nav'), icon: <IconPulse /> },
    { path: 'arbitration', text: t('consoleUi.nav.arbitration'), icon: <IconFlag /> },
    { path: 'money', text: t('consoleUi.nav.money'), icon: <IconHistogram /> },
    { path: 'open', text: t('openPlatform.nav.admin'), icon: <IconCode /> },
    { path: 'overview', text: t('compass.nav.admin'), icon: <IconPieChart2Stroked /> },
  ];
  return (
    <ConsoleShell kind="admin" nav={nav}>
      {() => (
        <Routes>
          <Route index element={<UsersView />} />
          <Route path="shops" element={<ShopsView />} />
          <Route path="categories" element={<CategoriesView />} />
          <Route path="rules" element={<RulesView />} />
          <Route path="governance" element={<GovernanceView />} />
          <Route path="moderation" element={<ModerationView />} />
          <Route path="violations" element={<AdminViolationsView />} />
          <Route path="experience" element={<AdminExperienceView />} />
          <Route path="ads" element={<AdminAdsView />} />
          <Route path="models" element={<ModelsView />} />
          <Route path="arbitration/*" element={<ArbitrationView />} />
          <Route path="overview" element={<CompassView scope={{ scope: 'platform' }} />} />
          <Route path="money" element={<AdminMoney />} />
          <Route path="open" element={<AdminOpenPlatformView />} />
          <Route path="*" element={<EmptyState title={t('consoleUi.pageMissing')} />} />
        </Routes>
      )}
    </ConsoleShell>
  );
}
