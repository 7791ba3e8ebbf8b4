import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { IconUserGroup, IconApps, IconFolder, IconHistogram } from '@douyinfe/semi-icons';
import { ConsoleShell } from '../shell/ConsoleShell';
import { EmptyState } from '../shell/common';
import { AdminMoney } from '../money/AdminMoney';
import { CategoriesView } from './CategoriesView';
import { ShopsView } from './ShopsView';
import { UsersView } from './UsersView';

/** 平台管理: 用户 · 店铺 · 类目与规则 · 结算与对账. */
export default function AdminConsole() {
  const { t } = useTranslation();
  const nav = [
    { path: '', text: t('consoleUi.nav.users'), icon: <IconUserGroup /> },
    { path: 'shops', text: t('consoleUi.nav.shops'), icon: <IconApps /> },
    { path: 'categories', text: t('consoleUi.nav.categories'), icon: <IconFolder /> },
    { path: 'money', text: t('consoleUi.nav.money'), icon: <IconHistogram /> },
  ];
  return (
    <ConsoleShell kind="admin" nav={nav}>
      {() => (
        <Routes>
          <Route index element={<UsersView />} />
          <Route path="shops" element={<ShopsView />} />
          <Route path="categories" element={<CategoriesView />} />
          <Route path="money" element={<AdminMoney />} />
          <Route path="*" element={<EmptyState title={t('consoleUi.pageMissing')} />} />
        </Routes>
      )}
    </ConsoleShell>
  );
}
