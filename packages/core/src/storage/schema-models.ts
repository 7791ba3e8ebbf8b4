/** Row types of the interest engine's tables (merged into `Database` in schema.ts). */

/** One retraining of the interest engine's model and what became of it. */
export interface ModelVersionsTable {
  id: string;
  /** ModelVersionStatus: requested | training | serving | retired | rejected | failed */
  status: string;
  /** schedule | manual */
  trigger: string;
  requested_by: string | null;
  requested_at: number;
  started_at: number | null;
  finished_at: number | null;
  epochs_done: number;
  epochs: number;
  people: number;
  events: number;
  videos: number;
  /** JSON `ModelFigures`: the offline figures of this model and of the one serving when it was trained. */
  figures: string | null;
  /** ModelDecisionReason code (or the error of a failed run). */
  reason: string | null;
  /** How long the hot swap held the engine (ms). */
  swap_ms: number | null;
}

/** One chunk of one binary part of a model version (model-artefacts.ts): what its hot swap needs. */
export interface ModelArtefactsTable {
  version_id: string;
  /** meta (JSON: dim, items, the parts' lengths) | vectors | bias | recency | covisit.owners | covisit.counts | covisit.ids | covisit.w | choice */
  part: string;
  chunk: number;
  /** The part's bytes from chunk × the chunk size (little-endian typed-array buffers). */
  data: Uint8Array;
}

export interface ModelTables {
  model_versions: ModelVersionsTable;
  model_artefacts: ModelArtefactsTable;
}
