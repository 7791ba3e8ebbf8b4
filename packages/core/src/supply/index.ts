export { type BatchStock, type Allocation, fifoOrder, allocateFifo } from './allocation.js';
export { type ShippedLine, recordLineBatches } from './ship-allocation.js';
export {
  CLAIM_WEIGHT,
  REFUND_WEIGHT,
  QUALITY_REASONS,
  QUALITY_CASE_TYPE,
  NOT_COUNTED_STATUSES,
  type QualityInputs,
  qualityScore,
  isQualityCase,
  type CaseShare,
  type SupplierTally,
  tallyCases,
} from './quality-score.js';
export {
  BASE_KINDS,
  QC_RESULTS,
  BATCH_CODE,
  LIMITS as SUPPLY_LIMITS,
  bestBefore,
  type BaseKind,
  type QcResult,
  type BatchStatus,
} from './supply-rules.js';
export {
  type SupplyPhoto,
  uploadSupplyPhoto,
  attachPhotos,
  detachPhotos,
  photosOf,
  purgeUnattachedPhotos,
} from './photos.js';
export {
  type SupplierInput,
  type SupplierView,
  MAX_SUPPLIERS,
  createSupplier,
  updateSupplier,
  deleteSupplier,
  getSupplier,
  listSuppliers,
} from './suppliers.js';
export {
  type BaseInput,
  type BaseView,
  MAX_BASES,
  createBase,
  updateBase,
  deleteBase,
  getBase,
  listBases,
} from './bases.js';
export { type BatchFields, type BatchInput, createBatch, updateBatch, deleteBatch } from './batches.js';
export {
  type BatchView,
  type QcRecordView,
  type BatchDetail,
  type BatchQuery,
  listBatches,
  batchDetail,
} from './batch-views.js';
export { type QcInput, addQcRecord } from './qc.js';
export { receiveBatch } from './receive.js';
export { type OriginCard, type ProductOrigin, type LineOrigin, productOrigin, lineOrigins } from './origin.js';
export { type SupplierQuality, supplierQuality } from './quality-report.js';
