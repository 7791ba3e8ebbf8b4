/** The carrier interface: what the platform asks of an express company, and what it hears back. */
import type { Tx } from '../context.js';
import { SANDBOX_CARRIER, TRACKED_CARRIERS } from '../rules/index.js';
import type { TrackingStatus } from './tracking-status.js';

/** The sandbox's carrier and the carriers that report scans are named in rules (rules/tracked-parcel.ts), which times dispatch by them. */
export { SANDBOX_CARRIER, TRACKED_CARRIERS };

/** One tracking event as a carrier reports it (parsed from a verified callback). */
export interface TrackingEventInput {
  eventId: string;
  trackingNo: string;
  status: TrackingStatus;
  at: number;
  location: string;
  description: string;
}

export interface Carrier {
  readonly name: string;
  /** Books a pickup for a parcel (the label); idempotent by the platform's shipment id. Runs in the shipping transaction. */
  createShipment(
    tx: Tx,
    input: { shipmentId: string; trackingNo: string },
    now: number,
  ): Promise<{ trackingNo: string }>;
  /** Cancels a parcel not collected yet; false when it is unknown or already cancelled. */
  cancelShipment(tx: Tx, trackingNo: string, now: number): Promise<boolean>;
  /** Verifies a callback's signature and parses its events; throws a 4xx DomainError when it is forged or malformed. */
  parseCallback(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
    now: number,
  ): TrackingEventInput[];
}
