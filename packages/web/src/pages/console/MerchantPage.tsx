import { lazy, Suspense } from 'react';
import { ConsoleFallback } from './ConsoleFallback';

// Semi Design and the console screens load only when a console is opened (not in the shopper app).
const MerchantConsole = lazy(() => import('./merchant/MerchantConsole'));

/** /merchant/* — 商家后台. */
export function MerchantPage() {
  return (
    <Suspense fallback={<ConsoleFallback />}>
      <MerchantConsole />
    </Suspense>
  );
}
