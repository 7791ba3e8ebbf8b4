// The logistics module's public surface.
export { type TrackingEventInput, type Carrier, SANDBOX_CARRIER, TRACKED_CARRIERS } from './carrier.js';
export { TRACKING_STATUSES, type TrackingStatus, isTrackingStatus, advances } from './tracking-status.js';
export { type PlannedScan, sandboxScanPlan, deliveredScanPlan, sandboxCarrierSpeed } from './sandbox-schedule.js';
export {
  type WaybillFormat,
  WAYBILL_FORMATS,
  waybillFormat,
  fitsWaybillFormat,
  waybillNumber,
} from './waybill-formats.js';
export {
  SANDBOX_SCAN_TIMER,
  LOGISTICS_NOTIFY_PATH,
  acceptSandboxParcel,
  cancelSandboxParcel,
  scanCallbackBody,
  registerSandboxCarrier,
  parseTrackingBody,
  SandboxCarrier,
} from './sandbox-carrier.js';
export {
  type TrackingOutcome,
  applyTrackingEvent,
  receiveTrackingCallback,
  type ParcelTracking,
  orderTracking,
} from './tracking.js';
export { bookPickup } from './pickup.js';
export { type ParcelInput, shipOrder, MAX_PARCELS } from './shipping.js';
export { installLogistics } from './install.js';
export {
  type ShipmentEditRefusal,
  shipmentEditRefusal,
  type ShipmentEditInput,
  editShipmentTracking,
  shipmentEdits,
} from './shipment-edit.js';
