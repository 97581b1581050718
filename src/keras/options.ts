// Keras accepts snake_case options, tfjs camelCase ones: this module maps the first onto the second and turns
// options nobody reads into an error that suggests the closest valid name (tfjs silently ignores them).

export type Options = Record<string, unknown>;

/** `'batchSize'` → `'batch_size'`, `'inputDType'` → `'input_dtype'`, as a type (see camelToSnake). */
type SnakeCase<S extends string, Previous extends string = ''> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : Previous extends Lowercase<Previous> ? `_${Lowercase<Head>}` : Lowercase<Head>}${SnakeCase<Tail, Head>}`
  : S;

/** An option's type, with any string besides where it takes string ids: Keras's (`'hard_sigmoid'`) as well as tfjs's. */
type KerasValue<V> = [Extract<V, string>] extends [never] ? V : V | (string & {});

/**
 * An options type that also names each option as Keras does (`batch_size` beside `batchSize`), so that both
 * complete in the notebook; other keys are still accepted, and checked at run time.
 */
export type KerasOptions<T> = T & { [K in keyof T as K extends string ? SnakeCase<K> : never]?: KerasValue<T[K]> } & Options;

/** `'batch_size'` → `'batchSize'`. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `'batchSize'` → `'batch_size'`. */
export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]+/g, (c) => '_' + c.toLowerCase());
}

/** Edit distance with adjacent transpositions counted as one edit ('rleu' is one edit from 'relu'). */
function editDistance(a: string, b: string): number {
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length];
}

/** The candidate closest to `name` (case and underscores ignored), or null when none is reasonably close. */
export function closest(name: string, candidates: Iterable<string>): string | null {
  const norm = (s: string) => s.replace(/_/g, '').toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(norm(name), norm(candidate));
    // Ties go to the longer candidate: 'rleu' is a misspelt 'relu' more often than an 'elu'.
    if (d < bestDistance || (d === bestDistance && best !== null && candidate.length > best.length)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

/** A user-facing error for an option nobody understands. */
export function unknownOptionError(where: string, key: string, valid: Iterable<string>): Error {
  const snake = key.includes('_');
  const styled = [...valid].map((v) => (snake ? camelToSnake(v) : v));
  const guess = closest(key, styled);
  return new Error(
    `${where}: unknown option '${key}'.` + (guess ? ` Did you mean '${guess}'?` : ` Valid options: ${styled.join(', ')}.`),
  );
}

/** Keras aliases that are not mere snake_case forms of the tfjs name. */
const ALIASES: Record<string, string> = { lr: 'learningRate', input_dtype: 'inputDType' };

/** Converts keys to camelCase, rejecting duplicates such as `{ input_shape, inputShape }`. */
export function camelize(where: string, options: Options | undefined, aliases: Record<string, string> = {}): Options {
  const out: Options = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value === undefined) continue;
    const camel = camelKey(key, aliases);
    if (camel in out) throw new Error(`${where}: option '${key}' given twice (as '${camel}' too).`);
    out[camel] = value;
  }
  return out;
}

/** An option name in tfjs's camelCase: the given aliases first, then the shared ones, then plain snake_case → camelCase. */
export function camelKey(key: string, aliases: Record<string, string> = {}): string {
  return aliases[key] ?? ALIASES[key] ?? snakeToCamel(key);
}

/** The key as the user spelt it, for error messages. */
export function originalKey(options: Options | undefined, camel: string, aliases: Record<string, string> = {}): string {
  return Object.keys(options ?? {}).find((o) => camelKey(o, aliases) === camel) ?? camel;
}

/** camelize() plus a check against a fixed list of valid camelCase keys. */
export function checkedOptions(
  where: string,
  options: Options | undefined,
  valid: readonly string[],
  aliases: Record<string, string> = {},
): Options {
  const out = camelize(where, options, aliases);
  for (const key of Object.keys(out)) {
    if (!valid.includes(key)) throw unknownOptionError(where, originalKey(options, key, aliases), valid);
  }
  return out;
}
