import { lazy, Suspense } from 'react';
import { LoadingBlock } from '../shell/common';

// 履约中心 draws with ECharts: its own chunk, fetched when the page is first opened.
const FulfilmentPage = lazy(() => import('./fulfilment/FulfilmentPage'));

export function FulfilmentView({ shopId }: { shopId: string }) {
  return (
    <Suspense fallback={<LoadingBlock rows={8} />}>
      <FulfilmentPage shopId={shopId} />
    </Suspense>
  );
}
