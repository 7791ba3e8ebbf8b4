/** Inline SVG icons (no icon font: they render the same everywhere, including headless Chromium). */
type P = { size?: number; className?: string };

export function HeartIcon({ size = 34, className, filled = true }: P & { filled?: boolean }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <path
        d="M12 21s-7.5-4.6-9.6-9.3C.9 8.2 3 4.5 6.6 4.5c2.1 0 3.6 1.1 4.4 2.5h2c.8-1.4 2.3-2.5 4.4-2.5 3.6 0 5.7 3.7 4.2 7.2C19.5 16.4 12 21 12 21z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={filled ? 0 : 1.8}
      />
    </svg>
  );
}
export function StarIcon({ size = 22, className, filled = false }: P & { filled?: boolean }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <path
        d="M12 3.2l2.7 5.5 6 .9-4.4 4.3 1 6-5.3-2.8-5.3 2.8 1-6-4.4-4.3 6-.9z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={1.7}
        strokeLinejoin="round"
      />
    </svg>
  );
}
export function CommentIcon({ size = 32, className }: P) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <path
        d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-1.9c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3z"
        fill="currentColor"
      />
      <circle cx="7.5" cy="11.5" r="1.3" fill="#333" />
      <circle cx="12" cy="11.5" r="1.3" fill="#333" />
      <circle cx="16.5" cy="11.5" r="1.3" fill="#333" />
    </svg>
  );
}
export function ShareIcon({ size = 32, className }: P) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <path d="M14 4l8 7.5-8 7.5v-4.4c-5.4 0-9 1.7-12 5.4 1-5.3 4.3-10.3 12-11.4V4z" fill="currentColor" />
    </svg>
  );
}
export function SearchIcon({ size = 24, className }: P) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <path d="M15.5 15.5L21 21" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
/** 小黄车: the yellow shopping cart of product cards in videos. */
export function CartIcon({ size = 18, className }: P) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <path
        d="M2 3h3l2.2 11.2c.1.5.6.8 1.1.8h9.4c.5 0 .9-.3 1-.8L21 7H6.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
      <circle cx="9" cy="19.5" r="1.7" fill="currentColor" />
      <circle cx="17" cy="19.5" r="1.7" fill="currentColor" />
    </svg>
  );
}
export function PlayIcon({ size = 64, className }: P) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" />
    </svg>
  );
}
export function MutedIcon({ size = 18, className }: P) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" />
      <path d="M16 9l5 6M21 9l-5 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** The four order shortcuts on 我: to pay (wallet), to ship (box), to receive (truck), done (check). */
export function OrderStageIcon({
  stage,
  size = 20,
  className,
}: P & { stage: 'unpaid' | 'paid' | 'shipped' | 'completed' }) {
  const stroke = {
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 1.8,
    strokeLinejoin: 'round' as const,
    strokeLinecap: 'round' as const,
  };
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      {stage === 'unpaid' && (
        <>
          <rect x="3" y="6" width="18" height="13" rx="2.5" {...stroke} />
          <path d="M3 10h18M15.5 14.5h2" {...stroke} />
        </>
      )}
      {stage === 'paid' && (
        <>
          <path d="M3.5 7.5 12 3.5l8.5 4v9L12 20.5l-8.5-4z" {...stroke} />
          <path d="M3.5 7.5 12 11.5l8.5-4M12 11.5v9" {...stroke} />
        </>
      )}
      {stage === 'shipped' && (
        <>
          <path d="M2.5 6.5h11v9h-11zM13.5 9.5h4l3 3v3h-7" {...stroke} />
          <circle cx="7" cy="17.5" r="1.8" {...stroke} />
          <circle cx="17" cy="17.5" r="1.8" {...stroke} />
        </>
      )}
      {stage === 'completed' && (
        <>
          <circle cx="12" cy="12" r="8.5" {...stroke} />
          <path d="m8 12.2 2.8 2.8L16.2 9.5" {...stroke} />
        </>
      )}
    </svg>
  );
}
