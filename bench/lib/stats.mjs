// Medians, percentiles and the per-round pairing every figure uses: each round measures the relay and
// its baseline back to back, and the ratio reported is the median of the rounds' own ratios (a slow
// moment of a loaded machine then skews one pair, not one side).

export const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The nearest-rank percentile p (0–100) of `values`. */
export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Pairs of round figures → one table figure: median relay, median baseline, median of per-round
 * ratios (relay / baseline).
 */
export function paired(pairs) {
  return {
    relay: median(pairs.map((p) => p.relay)),
    baseline: median(pairs.map((p) => p.baseline)),
    ratio: median(pairs.map((p) => p.relay / p.baseline)),
    rounds: pairs.length,
  };
}

/** Reads an integer setting from the environment. */
export const setting = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, not ${process.env[name]}`);
  return value;
};
