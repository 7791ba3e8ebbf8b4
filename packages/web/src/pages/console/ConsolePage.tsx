import { lazy, Suspense } from 'react';
import { ConsoleFallback } from './ConsoleFallback';

const CreatorConsole = lazy(() => import('./creator/CreatorConsole'));
const AdminConsole = lazy(() => import('./admin/AdminConsole'));
const ColonelConsole = lazy(() => import('./colonel/ColonelConsole'));
const McnConsole = lazy(() => import('./mcn/McnConsole'));

const CONSOLES = { creator: CreatorConsole, admin: AdminConsole, colonel: ColonelConsole, mcn: McnConsole };

/** /creator/* — 达人中心, /admin/* — 平台管理, /colonel/* — 团长中心, /mcn/* — MCN 机构 (each loads its own chunk with Semi Design). */
export function ConsolePage({ role }: { role: keyof typeof CONSOLES }) {
  const Console = CONSOLES[role];
  return (
    <Suspense fallback={<ConsoleFallback />}>
      <Console />
    </Suspense>
  );
}
