/**
 * A sandbox express carrier that behaves like a real one: it accepts a parcel (its own
 * sandbox_carrier_* records, never read by the platform), then scans it on a realistic schedule
 * driven by a durable timer per parcel, and reports every scan as an HMAC-signed callback POSTed
 * to the platform through the sandbox's outgoing notification queue (retried with back-off).
 */
import type { Tx } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import { verifySignature, SIGNATURE_HEADER } from '../payments/index.js';
import { cancelTimer, scheduleTimer, type TimerRegistry } from '../timers/index.js';
import { SANDBOX_CARRIER, type Carrier, type TrackingEventInput } from './carrier.js';
import { sandboxCarrierSpeed, sandboxScanPlan } from './sandbox-schedule.js';
import { isTrackingStatus } from './tracking-status.js';

/** The timer that releases a parcel's due scans (subject: the waybill number). */
export const SANDBOX_SCAN_TIMER = 'sandbox_carrier_scan';
export const LOGISTICS_NOTIFY_PATH = '/api/v1/logistics/notify/';

/** Accepts a parcel and plans its scans; asking again for the same shipment changes nothing. */
export async function acceptSandboxParcel(
  tx: Tx,
  input: { shipmentId: string; trackingNo: string; ref?: string },
  now: number,
  speed = sandboxCarrierSpeed(),
): Promise<{ trackingNo: string }> {
  // The merchant's reference: the shipment id, or the shipment and its new number when a parcel's tracking was edited.
  const ref = input.ref ?? input.shipmentId;
  const existing = await tx
    .selectFrom('sandbox_carrier_parcels')
    .select('waybill_no')
    .where('merchant_ref', '=', ref)
    .executeTakeFirst();
  if (existing) return { trackingNo: existing.waybill_no };
  const taken = await tx
    .selectFrom('sandbox_carrier_parcels')
    .select('waybill_no')
    .where('waybill_no', '=', input.trackingNo)
    .executeTakeFirst();
  if (taken)
    throw new DomainError('TRACKING_NUMBER_USED', 'the carrier already holds a parcel with this tracking number', {
      trackingNo: input.trackingNo,
    });
  await tx
    .insertInto('sandbox_carrier_parcels')
    .values({
      waybill_no: input.trackingNo,
      merchant_ref: ref,
      status: 'accepted',
      created_at: now,
      cancelled_at: null,
    })
    .execute();
  const plan = sandboxScanPlan(input.trackingNo, now, speed);
  await tx
    .insertInto('sandbox_carrier_scans')
    .values(
      plan.map((p) => ({
        event_id: `${input.trackingNo}:${p.seq}`,
        waybill_no: input.trackingNo,
        seq: p.seq,
        status: p.status,
        location: p.location,
        description: p.description,
        due_at: p.at,
        sent_at: null,
      })),
    )
    .execute();
  await scheduleTimer(tx, { kind: SANDBOX_SCAN_TIMER, subjectId: input.trackingNo, dueAt: plan[0]!.at }, now);
  return { trackingNo: input.trackingNo };
}

/** Cancels a parcel the courier has not collected yet. */
export async function cancelSandboxParcel(tx: Tx, trackingNo: string, now: number): Promise<boolean> {
  const collected = await tx
    .selectFrom('sandbox_carrier_scans')
    .select('event_id')
    .where('waybill_no', '=', trackingNo)
    .where('sent_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (collected) return false;
  const res = await tx
    .updateTable('sandbox_carrier_parcels')
    .set({ status: 'cancelled', cancelled_at: now })
    .where('waybill_no', '=', trackingNo)
    .where('status', '=', 'accepted')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await cancelTimer(tx, SANDBOX_SCAN_TIMER, trackingNo, now);
  return true;
}

/** The body of one scan callback, as the carrier sends it. */
export function scanCallbackBody(scan: {
  event_id: string;
  waybill_no: string;
  status: string;
  due_at: number;
  location: string;
  description: string;
}): string {
  return JSON.stringify({
    events: [
      {
        eventId: scan.event_id,
        trackingNo: scan.waybill_no,
        status: scan.status,
        at: Number(scan.due_at),
        location: scan.location,
        description: scan.description,
      },
    ],
  });
}

/** Registers the scan timer: due scans are queued as signed callbacks, the timer moves to the next scan. */
export function registerSandboxCarrier(registry: TimerRegistry, notifyBaseUrl: () => string): void {
  if (registry.get(SANDBOX_SCAN_TIMER)) return;
  registry.register(SANDBOX_SCAN_TIMER, async (tx, timer, now) => {
    const parcel = await tx
      .selectFrom('sandbox_carrier_parcels')
      .select(['status'])
      .where('waybill_no', '=', timer.subjectId)
      .executeTakeFirst();
    if (parcel?.status !== 'accepted') return;
    const scans = await tx
      .selectFrom('sandbox_carrier_scans')
      .selectAll()
      .where('waybill_no', '=', timer.subjectId)
      .where('sent_at', 'is', null)
      .orderBy('seq')
      .execute();
    const url = `${notifyBaseUrl()}${LOGISTICS_NOTIFY_PATH}${SANDBOX_CARRIER}`;
    for (const scan of scans) {
      if (Number(scan.due_at) > now) {
        await scheduleTimer(
          tx,
          { kind: SANDBOX_SCAN_TIMER, subjectId: timer.subjectId, dueAt: Number(scan.due_at) },
          now,
        );
        return;
      }
      await tx
        .updateTable('sandbox_carrier_scans')
        .set({ sent_at: now })
        .where('event_id', '=', scan.event_id)
        .where('sent_at', 'is', null)
        .execute();
      await tx
        .insertInto('sandbox_deliveries')
        .values({
          id: newId('sandboxDelivery', now),
          url,
          body: scanCallbackBody(scan),
          attempts: 0,
          next_attempt_at: now,
          delivered_at: null,
          last_error: null,
          created_at: now,
        })
        .execute();
    }
  });
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const bad = (message: string): DomainError => new DomainError('INVALID_NOTIFICATION', message);

/** Parses a callback body (after its signature was verified). */
export function parseTrackingBody(raw: string): TrackingEventInput[] {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw bad('the notification is not JSON');
  }
  const events = (body as { events?: unknown } | null)?.events;
  if (!Array.isArray(events) || events.length < 1 || events.length > 50)
    throw bad('events must be a list of 1–50 events');
  return events.map((e: unknown) => {
    const x = (e ?? {}) as Record<string, unknown>;
    const str = (k: string, max: number): string => {
      const v = x[k];
      if (typeof v !== 'string' || v.length < 1 || v.length > max)
        throw bad(`${k} must be a string of 1–${max} characters`);
      return v;
    };
    if (!isTrackingStatus(x.status)) throw bad('unknown tracking status');
    if (typeof x.at !== 'number' || !Number.isSafeInteger(x.at) || x.at < 0) throw bad('at must be epoch milliseconds');
    return {
      eventId: str('eventId', 100),
      trackingNo: str('trackingNo', 40),
      status: x.status,
      at: x.at,
      location: str('location', 200),
      description: str('description', 500),
    };
  });
}

/** The sandbox carrier behind the carrier interface. */
export class SandboxCarrier implements Carrier {
  readonly name = SANDBOX_CARRIER;
  constructor(
    private readonly secret: string,
    private readonly speed = sandboxCarrierSpeed(),
  ) {}

  createShipment(
    tx: Tx,
    input: { shipmentId: string; trackingNo: string },
    now: number,
  ): Promise<{ trackingNo: string }> {
    return acceptSandboxParcel(tx, input, now, this.speed);
  }

  cancelShipment(tx: Tx, trackingNo: string, now: number): Promise<boolean> {
    return cancelSandboxParcel(tx, trackingNo, now);
  }

  parseCallback(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
    now: number,
  ): TrackingEventInput[] {
    verifySignature(this.secret, header(headers, SIGNATURE_HEADER), rawBody, now);
    return parseTrackingBody(rawBody);
  }
}
