import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { Select } from '@douyinfe/semi-ui-19';
import {
  IconHome,
  IconShoppingBag,
  IconList,
  IconSetting,
  IconCoinMoneyStroked,
  IconClock,
  IconRefresh,
  IconBox,
  IconUserGroup,
  IconLive,
  IconStar,
  IconAlertTriangle,
  IconCrownStroked,
  IconComment,
  IconCode,
  IconHornStroked,
  IconPieChart2Stroked,
} from '@douyinfe/semi-icons';
import { CompassView } from '../compass/CompassView';
import { consoleApi } from '../api';
import { ConsoleShell } from '../shell/ConsoleShell';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { MerchantFunds } from '../money/MerchantFunds';
import { AftersalesView } from './AftersalesView';
import { ReviewsView } from './ReviewsView';
import { DashboardView } from './DashboardView';
import { FulfilmentView } from './FulfilmentView';
import { SupplyView } from './SupplyView';
import { OrdersView } from './OrdersView';
import { ProductEditor } from './ProductEditor';
import { ProductsView } from './ProductsView';
import { SettingsView } from './SettingsView';
import { AffiliateView } from './affiliate/AffiliateView';
import { LiveConsole } from '../creator/live/LiveConsole';
import { MerchantViolationsView } from '../violations/MerchantViolationsView';
import { MerchantExperienceView } from '../experience/MerchantExperienceView';
import { ServiceView } from './service/ServiceView';
import { MerchantOpenPlatformView } from '../openplatform/MerchantOpenPlatformView';
import { MerchantAdsView } from '../ads/MerchantAdsView';

const SHOP_KEY = 'zhongcao.console.shop';

/** 商家后台: the shop switcher in the top bar, 首页 · 商品 · 订单 · 履约 · 售后 · 供应链 · 资金 · 设置 in the left navigation. */
export default function MerchantConsole() {
  const { t } = useTranslation();
  const nav = [
    { path: '', text: t('consoleUi.nav.home'), icon: <IconHome /> },
    { path: 'products', text: t('consoleUi.nav.products'), icon: <IconShoppingBag /> },
    { path: 'orders', text: t('consoleUi.nav.orders'), icon: <IconList /> },
    { path: 'fulfilment', text: t('consoleUi.nav.fulfilment'), icon: <IconClock /> },
    { path: 'aftersales', text: t('consoleUi.nav.aftersales'), icon: <IconRefresh /> },
    { path: 'reviews', text: t('reviewConsole.nav'), icon: <IconStar /> },
    { path: 'service', text: t('serviceDesk.nav'), icon: <IconComment /> },
    { path: 'supply', text: t('consoleUi.nav.supply'), icon: <IconBox /> },
    { path: 'affiliate', text: t('affiliate.merchant.nav'), icon: <IconUserGroup /> },
    { path: 'live', text: t('liveConsole.nav'), icon: <IconLive /> },
    { path: 'ads', text: t('ads.nav.merchant'), icon: <IconHornStroked /> },
    { path: 'experience', text: t('experience.nav.merchant'), icon: <IconCrownStroked /> },
    { path: 'violations', text: t('violations.nav.merchant'), icon: <IconAlertTriangle /> },
    { path: 'compass', text: t('compass.nav.merchant'), icon: <IconPieChart2Stroked /> },
    { path: 'funds', text: t('consoleUi.nav.funds'), icon: <IconCoinMoneyStroked /> },
    { path: 'open', text: t('openPlatform.nav.merchant'), icon: <IconCode /> },
    { path: 'settings', text: t('consoleUi.nav.settings'), icon: <IconSetting /> },
  ];
  return (
    <ConsoleShell kind="merchant" nav={nav} switcher={<ShopSwitcherSlot />}>
      {() => <MerchantRoutes />}
    </ConsoleShell>
  );
}

// The switcher and the routes share the chosen shop through this tiny store.
let currentShop: string | null = readShop();
const listeners = new Set<(id: string | null) => void>();
function readShop(): string | null {
  try {
    return window.localStorage.getItem(SHOP_KEY);
  } catch {
    return null;
  }
}
function chooseShop(id: string): void {
  currentShop = id;
  try {
    window.localStorage.setItem(SHOP_KEY, id);
  } catch {
    // storage unavailable
  }
  for (const l of listeners) l(id);
}
function useChosenShop(): string | null {
  const [id, setId] = useState(currentShop);
  useEffect(() => {
    listeners.add(setId);
    return () => void listeners.delete(setId);
  }, []);
  return id;
}

const shopsPromise: { current: ReturnType<typeof consoleApi.shops> | null } = { current: null };
function loadShops() {
  shopsPromise.current ??= consoleApi.shops().catch((e: unknown) => {
    shopsPromise.current = null;
    throw e;
  });
  return shopsPromise.current;
}

function ShopSwitcherSlot() {
  const { t } = useTranslation();
  const chosen = useChosenShop();
  const shops = useLoad(loadShops, []);
  const items = shops.data?.items ?? [];
  if (items.length === 0) return null;
  const value = items.some((s) => s.id === chosen) ? chosen! : items[0]!.id;
  return (
    <Select
      value={value}
      onChange={(v) => chooseShop(String(v))}
      style={{ minWidth: 200 }}
      aria-label={t('consoleUi.switchShop')}
      data-testid="shop-switcher"
      optionList={items.map((s) => ({ value: s.id, label: `${s.name} · ${t(`consoleUi.shopRole.${s.role}`)}` }))}
    />
  );
}

function MerchantRoutes() {
  const { t } = useTranslation();
  const chosen = useChosenShop();
  const shops = useLoad(loadShops, []);
  return (
    <LoadView state={shops}>
      {({ items }) => {
        if (items.length === 0) return <EmptyState title={t('consoleUi.noShops')} />;
        const shop = items.find((s) => s.id === chosen) ?? items[0]!;
        return (
          <Routes>
            <Route index element={<DashboardView key={shop.id} shopId={shop.id} />} />
            <Route path="products" element={<ProductsView key={shop.id} shopId={shop.id} />} />
            <Route path="products/new" element={<ProductEditor key={shop.id} shopId={shop.id} productId={null} />} />
            <Route path="products/:productId" element={<ProductEditor key={shop.id} shopId={shop.id} />} />
            <Route path="orders" element={<OrdersView key={shop.id} shopId={shop.id} />} />
            <Route path="fulfilment" element={<FulfilmentView key={shop.id} shopId={shop.id} />} />
            <Route path="aftersales/*" element={<AftersalesView key={shop.id} shopId={shop.id} />} />
            <Route path="reviews" element={<ReviewsView key={shop.id} shopId={shop.id} />} />
            <Route path="service" element={<ServiceView key={shop.id} shopId={shop.id} />} />
            <Route path="supply/*" element={<SupplyView key={shop.id} shopId={shop.id} />} />
            <Route path="affiliate" element={<AffiliateView key={shop.id} shopId={shop.id} />} />
            <Route path="live/*" element={<LiveConsole key={shop.id} scope={{ kind: 'shop', shopId: shop.id }} />} />
            <Route path="ads" element={<MerchantAdsView key={shop.id} shopId={shop.id} />} />
            <Route path="experience" element={<MerchantExperienceView key={shop.id} shopId={shop.id} />} />
            <Route path="compass" element={<CompassView key={shop.id} scope={{ scope: 'shop', shopId: shop.id }} />} />
            <Route path="violations" element={<MerchantViolationsView key={shop.id} shopId={shop.id} />} />
            <Route path="funds" element={<MerchantFunds key={shop.id} shopId={shop.id} role={shop.role} />} />
            <Route
              path="open/*"
              element={<MerchantOpenPlatformView key={shop.id} shopId={shop.id} role={shop.role} />}
            />
            <Route path="settings" element={<SettingsView key={shop.id} shopId={shop.id} role={shop.role} />} />
            <Route path="*" element={<EmptyState title={t('consoleUi.pageMissing')} />} />
          </Routes>
        );
      }}
    </LoadView>
  );
}
