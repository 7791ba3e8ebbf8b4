// The feed module's public surface.
export * from './interleave.js';
export * from './shown-filter.js';
export * from './feed-cursor.js';
export * from './video-cards.js';
export * from './candidates.js';
export * from './feed.js';
