import { SkeletonLines } from '../../components/Skeleton';

/** Shown while a console's code loads (plain CSS: Semi is not loaded yet). */
export function ConsoleFallback() {
  return (
    <div style={{ padding: 40, maxWidth: 900, margin: '0 auto' }} aria-busy="true">
      <SkeletonLines lines={6} />
    </div>
  );
}
