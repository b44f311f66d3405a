/** Median, minimum and maximum of a series of measurements. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** @throws RangeError for an empty series: a figure made of no measurement would be invented. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError("cannot summarize an empty series");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** Least-squares line y = a + b·x and its coefficient of determination. */
export interface LinearFit {
  readonly a: number;
  readonly b: number;
  /** 1 when every point lies on the line; 0 when the line explains nothing beyond the mean. */
  readonly r2: number;
}

/** @throws RangeError with fewer than two distinct x values (no line is determined). */
export function linearFit(points: readonly (readonly [x: number, y: number])[]): LinearFit {
  const n = points.length;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
  if (n < 2 || sxx === 0) throw new RangeError("a linear fit needs at least two distinct x values");
  const sxy = points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0);
  const b = sxy / sxx;
  const a = meanY - b * meanX;
  const ssTot = points.reduce((s, [, y]) => s + (y - meanY) ** 2, 0);
  const ssRes = points.reduce((s, [x, y]) => s + (y - (a + b * x)) ** 2, 0);
  return { a, b, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}
