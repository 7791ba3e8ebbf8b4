export * from './csv.js';
export * from './shanghai-days.js';
export * from './dashboard.js';
export * from './batch-ship.js';
export * from './admin-shops.js';
export * from './csv-decode.js';
