// What IMDB and Reuters share: sequences stay plain arrays (they are ragged, as Keras's object arrays are) and
// labels become int32 tensors.
import * as tf from '@tensorflow/tfjs';
import { member, numeric, toInt32, toSequences } from './arrays';
import type { NdArray } from './readers/ndarray';

export interface TextLoadOptions {
  /** Where the file is cached, relative to `$KERAS_HOME/datasets` (or absolute). */
  path?: string;
  /** Keep only the `num_words` most frequent words (others become `oov_char`). Default: all. */
  num_words?: number | null;
  numWords?: number | null;
  /** Treat the `skip_top` most frequent words as out of vocabulary. Default 0. */
  skip_top?: number;
  skipTop?: number;
  /** Drop sequences of `maxlen` words or more (after `start_char` is added). Default: none. */
  maxlen?: number | null;
  maxLen?: number | null;
  /** Seed of the shuffle, as NumPy's RandomState. Default 113. */
  seed?: number;
  /** Marks the start of each sequence; null for none. Default 1. */
  start_char?: number | null;
  startChar?: number | null;
  /** Replaces words cut by `num_words`/`skip_top`; null drops them instead. Default 2. */
  oov_char?: number | null;
  oovChar?: number | null;
  /** Offset added to every word index. Default 3. */
  index_from?: number;
  indexFrom?: number;
}

export type SequenceSplit = [number[][], tf.Tensor1D];
export type SequenceData = [SequenceSplit, SequenceSplit];

export interface Examples {
  xs: number[][];
  labels: number[];
}

/** The sequences `xKey` and labels `yKey` of a .npz file's arrays, checked to be as many. */
export function examples(arrays: Map<string, NdArray>, xKey: string, yKey: string, file: string): Examples {
  const xs = toSequences(member(arrays, xKey, file), `${file}: ${xKey}`);
  const labels = Array.from(toInt32(numeric(member(arrays, yKey, file), `${file}: ${yKey}`).data, `${file}: ${yKey}`));
  if (xs.length !== labels.length) throw new Error(`${file}: ${xKey} and ${yKey} differ in length.`);
  return { xs, labels };
}

/** Sequences and labels as load_data returns them: `[xs, int32 tensor of labels]`. */
export function sequenceSplit(xs: number[][], labels: number[]): SequenceSplit {
  return [xs, tf.tensor1d(labels, 'int32')];
}
