// The content module's public surface.
export * from './video-states.js';
export * from './text-rules.js';
export * from './video-container.js';
export * from './media-files.js';
export * from './video-cards.js';
export * from './videos.js';
export * from './social.js';
export * from './comments.js';
export * from './shares-views.js';
export * from './profiles.js';
export * from './title-card.js';
