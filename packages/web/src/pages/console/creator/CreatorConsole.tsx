import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { IconHome, IconVideoListStroked, IconUpload, IconCoinMoneyStroked } from '@douyinfe/semi-icons';
import { ConsoleShell } from '../shell/ConsoleShell';
import { EmptyState } from '../shell/common';
import { CreatorEarnings } from '../money/CreatorEarnings';
import { CreatorHome } from './CreatorHome';
import { MyVideos } from './MyVideos';
import { PublishVideo } from './PublishVideo';

/** 达人中心: 首页 · 作品 · 发布作品 · 收益. */
export default function CreatorConsole() {
  const { t } = useTranslation();
  const nav = [
    { path: '', text: t('consoleUi.nav.home'), icon: <IconHome /> },
    { path: 'videos', text: t('consoleUi.nav.videos'), icon: <IconVideoListStroked /> },
    { path: 'publish', text: t('consoleUi.nav.publish'), icon: <IconUpload /> },
    { path: 'earnings', text: t('consoleUi.nav.earnings'), icon: <IconCoinMoneyStroked /> },
  ];
  return (
    <ConsoleShell kind="creator" nav={nav}>
      {() => (
        <Routes>
          <Route index element={<CreatorHome />} />
          <Route path="videos" element={<MyVideos />} />
          <Route path="publish" element={<PublishVideo />} />
          <Route path="earnings" element={<CreatorEarnings />} />
          <Route path="*" element={<EmptyState title={t('consoleUi.pageMissing')} />} />
        </Routes>
      )}
    </ConsoleShell>
  );
}
