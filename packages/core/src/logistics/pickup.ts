/** Booking the carrier when a merchant ships (inside the shipping transaction). */
import type { Tx } from '../context.js';
import { SANDBOX_CARRIER } from './carrier.js';
import { acceptSandboxParcel } from './sandbox-carrier.js';

/** Books a pickup with carriers the platform is connected to; other carriers are recorded only. */
export async function bookPickup(
  tx: Tx,
  input: { carrier: string; shipmentId: string; trackingNo: string },
  now: number,
): Promise<void> {
  if (input.carrier === SANDBOX_CARRIER) await acceptSandboxParcel(tx, input, now);
}
