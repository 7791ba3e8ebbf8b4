import { lazy, Suspense } from 'react';
import { ConsoleFallback } from './ConsoleFallback';

const CreatorConsole = lazy(() => import('./creator/CreatorConsole'));
const AdminConsole = lazy(() => import('./admin/AdminConsole'));

/** /creator/* — 达人中心, /admin/* — 平台管理 (each loads its own chunk with Semi Design). */
export function ConsolePage({ role }: { role: 'creator' | 'admin' }) {
  return <Suspense fallback={<ConsoleFallback />}>{role === 'creator' ? <CreatorConsole /> : <AdminConsole />}</Suspense>;
}
