/**
 * Back from the cashier (`?from=cashier`): the provider tells the platform about the payment
 * asynchronously, so the order may still read unpaid for a moment. Pure rules for what the order
 * page shows and how long it keeps asking.
 */
export type PayReturnState = 'none' | 'confirming' | 'paid' | 'slow';

/** How often the page asks again, and for how long before it says the result is late. */
export const PAY_RETURN_POLL_MS = 1000;
export const PAY_RETURN_PATIENCE_MS = 30_000;

export function payReturnState(fromCashier: boolean, status: string | undefined, waitedMs: number): PayReturnState {
  if (!fromCashier || status === undefined) return 'none';
  if (status === 'unpaid') return waitedMs < PAY_RETURN_PATIENCE_MS ? 'confirming' : 'slow';
  return status === 'cancelled' ? 'none' : 'paid';
}

/** The same for a payment of several orders (the order list): pending reads as unpaid, succeeded as paid. */
export function paymentReturnState(
  fromCashier: boolean,
  paymentStatus: string | undefined,
  waitedMs: number,
): PayReturnState {
  if (paymentStatus === undefined) return fromCashier ? 'confirming' : 'none';
  return payReturnState(
    fromCashier,
    paymentStatus === 'pending' ? 'unpaid' : paymentStatus === 'succeeded' ? 'paid' : 'cancelled',
    waitedMs,
  );
}
