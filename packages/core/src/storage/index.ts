/** The storage module's public API: other modules import only from here. */
export { compiledOnce, type CompiledOnce } from './compiled-once.js';
export { allByList, byShape, listStandIns, listValues, SHAPED_LIST_MAX } from './query-shapes.js';
export type { McnContractsTable, AffiliatePlansTable } from './schema-affiliate.js';
export { insertRows } from './insert-rows.js';
export type { AftersalesCasesTable } from './schema-aftersales.js';
export type {
  VideosTable,
  CommentsTable,
  VideoAnchorsTable,
  VideoLikesTable,
  VideoSharesTable,
  VideoViewsTable,
} from './schema-content.js';
export { type Dialect, type StorageOptions, type Storage, openStorage } from './database.js';
export type { Database } from './schema.js';
export type { EventsTable } from './schema-events.js';
export { readAside, readAsideAnswered, type ReadAsideLane } from './read-aside.js';
export type { OpenAppsTable, OpenTokensTable } from './schema-openplatform.js';
export type { CompensationKind, CompensationPayoutStatus } from './schema-ledger.js';
export type { ModelVersionsTable } from './schema-models.js';
export { type StoreAccess, openStoreReader, openStoreWriter, storeAccessOf } from './store-access.js';
export { WriteGate, GATE_SERVING, GATE_THREAD } from './write-gate.js';
export type { ServiceConversationsTable, ServiceMessagesTable } from './schema-service.js';
export { migrations, type MigrationReport, migrateToLatest } from './migrate.js';
export type { VideoStatus } from './schema-content.js';
export type { CaseStatus, CaseType } from './schema-aftersales.js';
export type { ContractStatus, SampleStatus } from './schema-affiliate.js';
export type { PayoutStatus } from './schema-ledger.js';
export type { OutboxTable } from './schema.js';
export { statementsExecuted } from './statement-count.js';
export type { OrderStatus, RefundStatus } from './schema.js';
export { dialectOf } from './dialect-of.js';
