import type { Door } from './doors';

/** Line icons for the doors (inline SVG: no emoji font needed). */
const PATHS: Record<Door['role'], string> = {
  // shopping bag
  shopper: 'M6 8h12l-1 12H7L6 8zm3 0V6a3 3 0 0 1 6 0v2',
  // shop front
  merchant:
    'M4 9l1.5-5h13L20 9M4 9h16M4 9a2.7 2.7 0 0 0 5.3 0 2.7 2.7 0 0 0 5.4 0 2.7 2.7 0 0 0 5.3 0M5.5 11v9h13v-9M10 20v-5h4v5',
  // video camera
  creator: 'M3 7h12v10H3zM15 10.5l6-3.5v10l-6-3.5',
  // shield
  admin: 'M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6l8-3zm-3.5 9l2.5 2.5 4.5-5',
};

export function DoorIcon({ role }: { role: Door['role'] }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="28"
      height="28"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[role]} />
    </svg>
  );
}
