// Loader options in Keras's snake_case (`num_words`) or JavaScript's camelCase (`numWords`), checked at run time
// because notebooks pass plain objects.

type Bag = object;

function lookup(options: Bag, names: readonly string[]): unknown {
  for (const name of names) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** An integer option under any of `names` (snake_case, camelCase), `fallback` when absent. */
export function intOption(options: Bag, names: readonly string[], fallback: number): number {
  const value = nullableIntOption(options, names, fallback);
  if (value === null) throw new TypeError(`${names[0]} must be an integer.`);
  return value;
}

/** An integer option that may be `null`, Python's `None`. */
export function nullableIntOption(options: Bag, names: readonly string[], fallback: number | null): number | null {
  const value = lookup(options, names);
  if (value === undefined) return fallback;
  if (value !== null && (typeof value !== 'number' || !Number.isInteger(value))) {
    throw new TypeError(`${names[0]} must be an integer${fallback === null ? ' or null' : ''}.`);
  }
  return value;
}

/** Keras's `test_split`: a fraction in [0, 1). */
export function testSplitOption(options: Bag, fallback: number): number {
  const value = lookup(options, ['test_split', 'testSplit']);
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) throw new RangeError('test_split must be in [0, 1).');
  return value;
}

/** The `path` option, a string, or undefined. */
export function pathOption(options: Bag): string | undefined {
  const value = lookup(options, ['path']);
  if (value !== undefined && typeof value !== 'string') throw new TypeError('path must be a string.');
  return value;
}
