/** Small statistics the benchmark scripts share. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
