/** Row types of the events module's tables (merged into `Database` in schema.ts). */

/** What a client reported (impressions, watch progress, completions, taps…); append-only. */
export interface EventsTable {
  id: string; // evn_… (sorts by receipt)
  actor_key: string; // usr_… when signed in, `anon:<x-viewer-id>` otherwise
  user_id: string | null;
  type: string; // impression | view_progress | complete | product_tap | like | share | follow
  video_id: string | null;
  product_id: string | null;
  watch_ms: number | null;
  duration_ms: number | null;
  at: number; // when it happened on the client (epoch ms)
  client_event_id: string; // unique per actor: a resent batch is not counted twice
  received_at: number;
  /** Events the server records (add_to_cart, favourite): the card's attribution source and content (a video or live room). */
  source?: string | null;
  content_id?: string | null;
}

/** Per-person preferences (absent row = defaults). */
export interface PersonSettingsTable {
  user_id: string;
  personalized_recommendation: number; // 0/1
  updated_at: number;
}

/** A traffic-pool step of a video: entered, promoted or stopped (with the rates and thresholds compared). */
export interface VideoPoolStepsTable {
  video_id: string;
  pool: number; // 0-based
  decision: string; // entered | promoted | stopped | top
  impressions: number;
  rates: string | null; // JSON Record<rate, number>
  thresholds: string | null; // JSON Record<rate, number>
  shortfalls: string; // JSON rate[]
  at: number;
}

export interface EventsTables {
  events: EventsTable;
  person_settings: PersonSettingsTable;
  video_pool_steps: VideoPoolStepsTable;
}
