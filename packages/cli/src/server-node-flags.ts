/**
 * The V8 flags the server runs with: `npm start` passes them on its command line (they cannot be
 * set once the process runs), and the benchmarks start their server child with the same, so
 * they measure the server users start.
 *
 * A 64 MB semi-space: the HTTP thread allocates about 185 KB per feed page (request, cards, JSON)
 * and each scavenge costs about the same however large the young generation is, so fewer of them
 * is less time paused. Under `bench recsys-feed` the HTTP thread's scavenges took 555–578 ms in
 * 20 s with it against 1,009–1,021 ms with V8's default (16 MB), while serving more pages.
 *
 * Each heap may grow to 1.5 times what was live after its last full collection
 * (`--heap-growing-percent=50`; process-wide, so every thread's heap). V8 otherwise lets a heap
 * that allocates briskly grow to up to four times its live size before collecting it in full: under
 * `bench recsys-feed` the HTTP thread's old generation held 240–300 MB of pages for 150–270 MB
 * in use, and the server's RSS was 992–1,110 MB at the end of the main window; with the flag
 * 941–957 MB, pages per second within the runs' spread (docs/PERFORMANCE.md, "The heaps' growth
 * bounded").
 */
import v8 from 'node:v8';

export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--heap-growing-percent=50'];

/**
 * Keeps the command line's semi-space size to the main thread. V8's flags are process-wide and
 * `--max-semi-space-size` overrides a worker's own `resourceLimits.maxYoungGenerationSizeMb`, so
 * every thread started after it (the interest engine's, the retraining's, the store's checkpointer and read-aside)
 * got two 64 MB semi-spaces too: the engine's thread held 126 MB of young generation under
 * `bench recsys-feed` instead of the 64 MB it asks for. The main thread's heap was sized when the
 * process started and keeps its setting; clearing the flag here (0: unset) lets each thread
 * started later size its own (its `resourceLimits`, else V8's default). Call it before any
 * worker thread starts; without the flag on the command line it changes nothing.
 */
export function keepSemiSpaceFlagToMainThread(): void {
  v8.setFlagsFromString('--max-semi-space-size=0');
}
