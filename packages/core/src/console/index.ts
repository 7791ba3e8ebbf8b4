export { type CsvRecord, parseCsv, type ShipmentCsvRow, MAX_SHIPMENT_ROWS, parseShipmentCsv } from './csv.js';
export { DAY_MS, shanghaiDayStart, shanghaiDayNumber, dayLabel, lastDays } from './shanghai-days.js';
export { type CsvEncoding, type DecodedCsv, decodeCsvBytes } from './csv-decode.js';
export { type ShopDashboard, shopDashboard } from './dashboard.js';
export { type BatchShipResult, type BatchShipReport, batchShip, batchShipTemplateCsv } from './batch-ship.js';
export { type AdminShopRow, adminShops } from './admin-shops.js';
