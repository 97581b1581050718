// Keras's shared preprocessing for the IMDB and Reuters word-index sequences, step for step, quirks included.
import { intOption, nullableIntOption } from './options';

export interface SequenceOptions {
  numWords: number | null;
  skipTop: number;
  maxlen: number | null;
  seed: number;
  startChar: number | null;
  oovChar: number | null;
  indexFrom: number;
}

/** Keras's defaults: `num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2, index_from=3`. */
export function sequenceOptions(options: object): SequenceOptions {
  return {
    numWords: nullableIntOption(options, ['num_words', 'numWords'], null),
    skipTop: intOption(options, ['skip_top', 'skipTop'], 0),
    maxlen: nullableIntOption(options, ['maxlen', 'maxLen'], null),
    seed: intOption(options, ['seed'], 113),
    startChar: nullableIntOption(options, ['start_char', 'startChar'], 1),
    oovChar: nullableIntOption(options, ['oov_char', 'oovChar'], 2),
    indexFrom: intOption(options, ['index_from', 'indexFrom'], 3),
  };
}

/** `items` in the order of the indexes `order`. */
export function reorder<T>(items: readonly T[], order: readonly number[]): T[] {
  return order.map((i) => items[i]);
}

/** Shifts word indexes by `index_from` and prepends `start_char` (unless null). */
export function markWords(xs: number[][], { startChar, indexFrom }: SequenceOptions): number[][] {
  return xs.map((x) => {
    const shifted = x.map((w) => w + indexFrom);
    return startChar === null ? shifted : [startChar, ...shifted];
  });
}

/** Keras's `remove_long_seq`: keeps sequences strictly shorter than `maxlen`. A `maxlen` of 0 or null keeps all. */
export function removeLongSeq(maxlen: number | null, xs: number[][], labels: number[]): [number[][], number[]] {
  if (!maxlen) return [xs, labels];
  const keep = xs.map((x) => x.length < maxlen);
  return [xs.filter((_, i) => keep[i]), labels.filter((_, i) => keep[i])];
}

/**
 * Words outside [skip_top, num_words) become `oov_char`, or are dropped when it is null. Without `num_words`, Keras
 * uses the largest index seen, so that very word also falls out: kept as is, for the same data as Keras.
 */
export function limitVocabulary(xs: number[][], { numWords, skipTop, oovChar }: SequenceOptions): number[][] {
  let limit = numWords;
  if (!limit) {
    if (xs.length === 0) throw new Error('No sequence is left to take the vocabulary from: increase maxlen.');
    limit = xs.reduce((max, x) => x.reduce((m, w) => Math.max(m, w), max), -Infinity);
  }
  const top = limit;
  const inRange = (w: number) => skipTop <= w && w < top;
  return oovChar === null
    ? xs.map((x) => x.filter(inRange))
    : xs.map((x) => x.map((w) => (inRange(w) ? w : oovChar)));
}
