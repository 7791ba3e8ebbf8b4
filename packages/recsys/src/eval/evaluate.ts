/**
 * Runs one phase of the protocol for one model: the held-out item against the phase's sampled
 * negatives (HR@10, NDCG@10) and, optionally, against every item the user never interacted with
 * (full_hr@10, full_ndcg@10). The same scoring function serves both.
 */
import type { Recommender } from '../models/model.js';
import { fullRank, MetricSum, sampledRank } from './metrics.js';
import { markInteracted, type PhasePlan } from './protocol.js';
import { historyFor, type Split } from './split.js';

export interface PhaseResult {
  users: number;
  hr: number;
  ndcg: number;
  fullHr: number | null;
  fullNdcg: number | null;
  seconds: number;
}

export interface EvaluateOptions {
  full?: boolean;
  progress?: (done: number, total: number) => void;
}

export function evaluate(model: Recommender, split: Split, plan: PhasePlan, opts: EvaluateOptions = {}): PhaseResult {
  const started = performance.now();
  const nNeg = plan.negatives.length / Math.max(1, plan.users.length);
  const items = new Int32Array(nNeg + 1);
  const scores = new Float32Array(nNeg + 1);
  const all = opts.full ? new Float32Array(split.numItems) : null;
  const marks = new Int32Array(split.numItems);
  const sampled = new MetricSum();
  const full = new MetricSum();
  const total = plan.users.length;
  const step = Math.max(1, Math.floor(total / 100));
  for (let k = 0; k < total; k++) {
    const u = plan.users[k]!;
    const target = plan.targets[k]!;
    const scorer = model.forUser(u, historyFor(split, u, plan.phase));
    items[0] = target;
    items.set(plan.negatives.subarray(k * nNeg, (k + 1) * nNeg), 1);
    scorer.score(items, scores);
    sampled.add(sampledRank(scores));
    if (all) {
      scorer.scoreAll(all);
      markInteracted(split, u, marks, k + 1);
      full.add(fullRank(all, target, marks, k + 1));
    }
    if (opts.progress && (k % step === 0 || k === total - 1)) opts.progress(k + 1, total);
  }
  const s = sampled.mean();
  const f = all ? full.mean() : null;
  return {
    users: total,
    hr: s.hr,
    ndcg: s.ndcg,
    fullHr: f ? f.hr : null,
    fullNdcg: f ? f.ndcg : null,
    seconds: (performance.now() - started) / 1000,
  };
}
