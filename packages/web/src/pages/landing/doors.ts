/** The four doors of the landing page: which demo role logs in, and where it leads. */
export interface Door {
  role: 'shopper' | 'merchant' | 'creator' | 'admin';
  path: string;
  /** Accent colour of the door's icon tile. */
  color: string;
}

export const DOORS: Door[] = [
  { role: 'shopper', path: '/app', color: '#fe2c55' },
  { role: 'merchant', path: '/merchant', color: '#ff8a00' },
  { role: 'creator', path: '/creator', color: '#7b5cff' },
  { role: 'admin', path: '/admin', color: '#1f8fff' },
];
