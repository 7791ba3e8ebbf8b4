// The logistics module's public surface.
export * from './carrier.js';
export * from './tracking-status.js';
export * from './sandbox-schedule.js';
export * from './sandbox-carrier.js';
export * from './tracking.js';
export * from './pickup.js';
export * from './install.js';
export * from './waybill-formats.js';
export * from './shipment-edit.js';
