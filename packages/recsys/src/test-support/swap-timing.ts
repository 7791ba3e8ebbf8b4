/**
 * The hot swap's cost on the engine's thread at full size, step by step: a synthetic model of
 * VIDEOS videos (default 100,000) swapped into an engine whose catalogue knows them, the old way
 * (every step at once) and staged (slices of `SLICE_MS`, then the switch). Run:
 * `npx tsx packages/recsys/src/test-support/swap-timing.ts [videos] [neighbours per row]`.
 */
import { OnlineEngine } from '../online/online-engine.js';
import { syntheticMetas, syntheticSnapshot } from './swap-snapshot.js';

const videos = Number(process.argv[2] ?? 100_000);
const neighbours = Number(process.argv[3] ?? 32);
const SLICE_MS = 5;
const e = new OnlineEngine();
for (const m of syntheticMetas(videos)) e.upsertVideo(m, false, 0);
const snap = syntheticSnapshot(videos, 1, 'v', neighbours);
const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;

let t = performance.now();
structuredClone(snap);
console.log(`structured clone of the snapshot: ${ms(t)} ms`);
for (let round = 1; round <= 3; round++) {
  t = performance.now();
  e.swapModel(`one-go-${round}`, snap, 1);
  const oneGo = ms(t);
  t = performance.now();
  const stage = e.beginSwap(`staged-${round}`, snap, 1);
  while (!stage.step(SLICE_MS));
  const staged = ms(t);
  t = performance.now();
  e.commitSwap(stage);
  const commit = ms(t);
  console.log(
    `round ${round}: in one go ${oneGo} ms; staged ${staged} ms in ${stage.slices} slices (longest ${Math.round(stage.longestMs * 10) / 10} ms), switch ${commit} ms`,
  );
}
