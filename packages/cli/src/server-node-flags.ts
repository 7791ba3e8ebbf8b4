/**
 * The V8 flags the server runs with: `npm start` passes them on its command line (they cannot be
 * set once the process runs), and the benchmarks start their server child with the same, so
 * they measure the server users start.
 *
 * A 64 MB semi-space: the HTTP thread allocates about 185 KB per feed page (request, cards, JSON)
 * and each scavenge costs about the same however large the young generation is, so fewer of them
 * is less time paused. Under `bench recsys-feed` the HTTP thread's scavenges took 555–578 ms in
 * 20 s with it against 1,009–1,021 ms with V8's default (16 MB), while serving more pages.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
