// The favourites module's public surface.
export * from './favourites.js';
export * from './cursor.js';
