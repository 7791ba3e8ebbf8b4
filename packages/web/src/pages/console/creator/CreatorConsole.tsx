import { useTranslation } from 'react-i18next';
import { CreatorCreditView } from '../violations/CreatorCreditView';
import { Route, Routes } from 'react-router';
import {
  IconHome,
  IconVideoListStroked,
  IconUpload,
  IconCoinMoneyStroked,
  IconAppCenter,
  IconShoppingBag,
  IconLink,
  IconHistogram,
  IconUserGroup,
  IconLive,
  IconGift,
  IconStar,
  IconPieChart2Stroked,
  IconHornStroked,
} from '@douyinfe/semi-icons';
import { CompassView } from '../compass/CompassView';
import { ConsoleShell } from '../shell/ConsoleShell';
import { EmptyState } from '../shell/common';
import { CreatorEarnings } from '../money/CreatorEarnings';
import { CreatorHome } from './CreatorHome';
import { MyVideos } from './MyVideos';
import { PublishVideo } from './PublishVideo';
import { LiveConsole } from './live/LiveConsole';
import { ContractsView } from './affiliate/ContractsView';
import { LinksView } from './affiliate/LinksView';
import { MarketplaceView } from './affiliate/MarketplaceView';
import { SalesView } from './affiliate/SalesView';
import { ShowcaseView } from './affiliate/ShowcaseView';
import { SamplesView } from './affiliate/SamplesView';
import { CreatorAdsView } from '../ads/MerchantAdsView';

/** 达人中心: 首页 · 作品 · 发布作品 · 直播 · 带货 · 推广 · 数据 · 信用 · 收益. */
export default function CreatorConsole() {
  const { t } = useTranslation();
  const nav = [
    { path: '', text: t('consoleUi.nav.home'), icon: <IconHome /> },
    { path: 'videos', text: t('consoleUi.nav.videos'), icon: <IconVideoListStroked /> },
    { path: 'publish', text: t('consoleUi.nav.publish'), icon: <IconUpload /> },
    { path: 'live', text: t('liveConsole.nav'), icon: <IconLive /> },
    { path: 'market', text: t('affiliate.creator.nav.market'), icon: <IconAppCenter /> },
    { path: 'showcase', text: t('affiliate.creator.nav.showcase'), icon: <IconShoppingBag /> },
    { path: 'samples', text: t('affiliate.creator.nav.samples'), icon: <IconGift /> },
    { path: 'links', text: t('affiliate.creator.nav.links'), icon: <IconLink /> },
    { path: 'sales', text: t('affiliate.creator.nav.sales'), icon: <IconHistogram /> },
    { path: 'ads', text: t('ads.nav.creator'), icon: <IconHornStroked /> },
    { path: 'data', text: t('compass.nav.creator'), icon: <IconPieChart2Stroked /> },
    { path: 'credit', text: t('violations.nav.creator'), icon: <IconStar /> },
    { path: 'earnings', text: t('consoleUi.nav.earnings'), icon: <IconCoinMoneyStroked /> },
    { path: 'mcn', text: t('affiliate.creator.nav.mcn'), icon: <IconUserGroup /> },
  ];
  return (
    <ConsoleShell kind="creator" nav={nav}>
      {() => (
        <Routes>
          <Route index element={<CreatorHome />} />
          <Route path="videos" element={<MyVideos />} />
          <Route path="publish" element={<PublishVideo />} />
          <Route path="live/*" element={<LiveConsole scope={{ kind: 'creator' }} />} />
          <Route path="ads" element={<CreatorAdsView />} />
          <Route path="data" element={<CompassView scope={{ scope: 'creator' }} />} />
          <Route path="credit" element={<CreatorCreditView />} />
          <Route path="earnings" element={<CreatorEarnings />} />
          <Route path="market" element={<MarketplaceView />} />
          <Route path="showcase" element={<ShowcaseView />} />
          <Route path="samples" element={<SamplesView />} />
          <Route path="links" element={<LinksView />} />
          <Route path="sales" element={<SalesView />} />
          <Route path="mcn" element={<ContractsView />} />
          <Route path="*" element={<EmptyState title={t('consoleUi.pageMissing')} />} />
        </Routes>
      )}
    </ConsoleShell>
  );
}
