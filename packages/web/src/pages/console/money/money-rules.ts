/** Pure money rules of the console screens: amounts typed in ¥, payout checks, request keys, account kinds. */

/** The smallest payout the platform accepts (¥1), as the server's MIN_PAYOUT_FEN. */
export const MIN_PAYOUT_FEN = 100;

/** Largest amount one payout request may carry (the server's schema maximum). */
export const MAX_PAYOUT_FEN = 100_000_000;

/** "12.5" / "¥12.50" / "1,234.56" → fen; null unless a non-negative amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const clean = text
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/,/g, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(clean)) return null;
  const [yuan = '0', cents = ''] = clean.split('.');
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'));
}

export type PayoutCheck =
  | { ok: true; amountFen: number }
  | { ok: false; reason: 'empty' | 'format' | 'belowMinimum' | 'exceedsAvailable' | 'tooLarge' };

/** Whether `text` (in ¥) is a payout the server will accept from an account holding `availableFen`. */
export function checkPayout(text: string, availableFen: number): PayoutCheck {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  const fen = parseYuan(text);
  if (fen === null) return { ok: false, reason: 'format' };
  if (fen < MIN_PAYOUT_FEN) return { ok: false, reason: 'belowMinimum' };
  if (fen > MAX_PAYOUT_FEN) return { ok: false, reason: 'tooLarge' };
  if (fen > availableFen) return { ok: false, reason: 'exceedsAvailable' };
  return { ok: true, amountFen: fen };
}

/** A fresh idempotency key for one payout request ([A-Za-z0-9_-], ≤ 64). */
export function newRequestKey(now: number, random: () => number = Math.random): string {
  const tail = Array.from({ length: 12 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `web-${now.toString(36)}-${tail}`;
}

/** The kind part of a ledger account id ("merchant_available:shp_…" → "merchant_available"). */
export function accountKind(accountId: string): string {
  const at = accountId.indexOf(':');
  return at < 0 ? accountId : accountId.slice(0, at);
}

/** Person accounts a creator / MCN / colonel withdraws from, in the order the earnings page shows them. */
export const PERSON_KINDS = ['creator_available', 'mcn_available', 'colonel_available'] as const;

/** The payout-account `kind` the server expects for a withdrawable ledger account, or null. */
export function payoutKindOf(accountId: string): 'merchant' | 'creator' | 'mcn' | 'colonel' | null {
  switch (accountKind(accountId)) {
    case 'merchant_available':
      return 'merchant';
    case 'creator_available':
      return 'creator';
    case 'mcn_available':
      return 'mcn';
    case 'colonel_available':
      return 'colonel';
    default:
      return null;
  }
}

/** Payouts not yet answered by the provider: the list polls while there are any. */
export const isPayoutOpen = (status: string): boolean => status === 'requested' || status === 'submitted';

/** Colour of a payout status tag. */
export function payoutColor(status: string): 'orange' | 'blue' | 'green' | 'red' | 'grey' {
  return status === 'requested'
    ? 'orange'
    : status === 'submitted'
      ? 'blue'
      : status === 'succeeded'
        ? 'green'
        : status === 'failed'
          ? 'red'
          : 'grey';
}
