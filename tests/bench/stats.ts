/** Small statistics the benchmark scripts share. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
/** Minimum, median and maximum, rounded: what a benchmark on a noisy machine should print. */
export const spread = (values: number[], digits = 1) => ({ min: round(Math.min(...values), digits), median: round(median(values), digits), max: round(Math.max(...values), digits) });
