/**
 * The hot swap's cost on the engine's thread at full size, step by step: a synthetic model of
 * VIDEOS videos (default 100,000) swapped into an engine whose catalogue knows them, the old way
 * (every step at once) and staged (slices of `SLICE_MS`, then the switch), in wall-clock and in
 * CPU time (the process's, which is this thread's and the collector's: on a loaded machine the
 * wall clock also counts the time the thread waited for a core). Run:
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
const cpuMs = (c: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c);
  return Math.round((d.user + d.system) / 100) / 10;
};

let t = performance.now();
structuredClone(snap);
console.log(`structured clone of the snapshot: ${ms(t)} ms`);
for (let round = 1; round <= 3; round++) {
  t = performance.now();
  const c0 = process.cpuUsage();
  e.swapModel(`one-go-${round}`, snap, 1);
  const oneGo = `${ms(t)} ms (CPU ${cpuMs(c0)} ms)`;
  const stage = e.beginSwap(`staged-${round}`, snap, 1);
  let longestCpu = 0;
  let stagedCpu = 0;
  t = performance.now();
  for (let ready = false; !ready; ) {
    const c = process.cpuUsage();
    ready = stage.step(SLICE_MS);
    const used = cpuMs(c);
    stagedCpu += used;
    longestCpu = Math.max(longestCpu, used);
  }
  const staged = ms(t);
  t = performance.now();
  const c = process.cpuUsage();
  e.commitSwap(stage);
  const commit = ms(t);
  const commitCpu = cpuMs(c);
  console.log(
    `round ${round}: in one go ${oneGo}; staged ${staged} ms (CPU ${Math.round(stagedCpu)} ms) in ${stage.slices} slices (longest ${Math.round(stage.longestMs * 10) / 10} ms, CPU ${longestCpu} ms), switch ${commit} ms (CPU ${commitCpu} ms)`,
  );
}
