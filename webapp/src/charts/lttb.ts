/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): picks `threshold` of the points so the
 * line keeps its shape — the first and last points always, then from each bucket the point that
 * makes the largest triangle with the point kept before it and the average of the next bucket.
 * Returns the indices kept, ascending. Points whose y is not a number are never kept (they are not
 * drawn anyway).
 */
export function lttb(
  xs: readonly number[],
  ys: readonly (number | null)[],
  threshold: number,
): number[] {
  const all: number[] = [];
  for (let i = 0; i < xs.length; i += 1) {
    const y = ys[i];
    if (typeof y === 'number' && Number.isFinite(y) && Number.isFinite(xs[i])) all.push(i);
  }
  if (threshold >= all.length || threshold < 3)
    return threshold < 3 ? all.slice(0, Math.max(threshold, 0)) : all;

  const x = (k: number) => xs[all[k] ?? 0] ?? 0;
  const y = (k: number) => (ys[all[k] ?? 0] as number | null) ?? 0;
  const kept = [all[0] ?? 0];
  const bucket = (all.length - 2) / (threshold - 2);
  let a = 0;
  for (let b = 0; b < threshold - 2; b += 1) {
    // The next bucket's average is the third corner of the triangle.
    const nextStart = Math.floor((b + 1) * bucket) + 1;
    const nextEnd = Math.min(Math.floor((b + 2) * bucket) + 1, all.length);
    let avgX = 0;
    let avgY = 0;
    for (let k = nextStart; k < nextEnd; k += 1) {
      avgX += x(k);
      avgY += y(k);
    }
    const n = Math.max(nextEnd - nextStart, 1);
    avgX /= n;
    avgY /= n;

    const start = Math.floor(b * bucket) + 1;
    const end = Math.floor((b + 1) * bucket) + 1;
    let best = start;
    let bestArea = -1;
    for (let k = start; k < end; k += 1) {
      const area = Math.abs((x(a) - avgX) * (y(k) - y(a)) - (x(a) - x(k)) * (avgY - y(a)));
      if (area > bestArea) {
        bestArea = area;
        best = k;
      }
    }
    kept.push(all[best] ?? 0);
    a = best;
  }
  kept.push(all[all.length - 1] ?? 0);
  return kept;
}
