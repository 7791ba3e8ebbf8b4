// The events module's public surface.
export * from './event-rules.js';
export * from './events.js';
export * from './person-settings.js';
export * from './server-events.js';
