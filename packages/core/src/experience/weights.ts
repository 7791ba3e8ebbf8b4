/** Per-category weights of the experience score: validation and the defaults. Pure. */
import { DIMENSIONS, DEFAULT_DIMENSION_WEIGHTS, INDICATORS, type Dimension, type IndicatorKey } from './indicators.js';

export interface ExperienceWeights {
  dimensions: Record<Dimension, number>;
  indicators: Record<IndicatorKey, number>;
}

export function defaultWeights(): ExperienceWeights {
  return {
    dimensions: { ...DEFAULT_DIMENSION_WEIGHTS },
    indicators: Object.fromEntries(INDICATORS.map((i) => [i.key, i.weight])) as Record<IndicatorKey, number>,
  };
}

/** Why a set of weights is refused, or null when it is usable: each weight 0–1, each group summing to something above 0. */
export function weightsProblem(w: ExperienceWeights): string | null {
  const all = [...Object.values(w.dimensions), ...Object.values(w.indicators)];
  if (all.some((x) => typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 1))
    return 'each weight is a number from 0 to 1';
  if (DIMENSIONS.reduce((s, d) => s + (w.dimensions[d] ?? 0), 0) <= 0) return 'the dimensions need a weight above 0';
  for (const d of DIMENSIONS) {
    if (INDICATORS.filter((i) => i.dimension === d).reduce((s, i) => s + (w.indicators[i.key] ?? 0), 0) <= 0)
      return `the ${d} indicators need a weight above 0`;
  }
  return null;
}

/** Stored weights over the defaults (a key the store lacks keeps its default). */
export function mergeWeights(
  stored: Partial<{
    dimensions: Partial<Record<Dimension, number>>;
    indicators: Partial<Record<IndicatorKey, number>>;
  }> | null,
): ExperienceWeights {
  const d = defaultWeights();
  if (!stored) return d;
  for (const k of DIMENSIONS) if (typeof stored.dimensions?.[k] === 'number') d.dimensions[k] = stored.dimensions[k]!;
  for (const i of INDICATORS)
    if (typeof stored.indicators?.[i.key] === 'number') d.indicators[i.key] = stored.indicators[i.key]!;
  return d;
}
