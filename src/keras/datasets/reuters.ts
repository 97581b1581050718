// `datasets.reuters`: 11,228 newswires as word-index sequences over 46 topics, split by `test_split`.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { getFile } from './get-file';
import { RandomState } from './numpy-random';
import { pathOption, testSplitOption } from './options';
import { parseNpz } from './readers/npz';
import { KERAS_FILES } from './remote';
import { limitVocabulary, markWords, removeLongSeq, reorder, sequenceOptions } from './sequences';
import { examples, sequenceSplit, type SequenceData, type TextLoadOptions } from './text-datasets';
import { loadWordIndex, type WordIndex, type WordIndexOptions } from './word-index';

export interface ReutersLoadOptions extends TextLoadOptions {
  /** Fraction of the newswires kept for the test set. Default 0.2. */
  test_split?: number;
  testSplit?: number;
}

/**
 * Keras's `datasets.reuters.load_data()`: resolves to `[[xTrain, yTrain], [xTest, yTest]]`, newswires as arrays of word
 * indexes (ragged) and int32 topic labels 0-45. Options `test_split` (0.2), `num_words` (all), `skip_top` (0), `maxlen`
 * (none), `seed` (113), `start_char` (1), `oov_char` (2), `index_from` (3), `path`.
 * @example const [[xTrain, yTrain], [xTest, yTest]] = await datasets.reuters.load_data({ num_words: 10000 });
 */
export async function loadData(options: ReutersLoadOptions = {}): Promise<SequenceData> {
  // The backend tfjs picked (wasm starts asynchronously) must be up before tensors are made.
  await tf.ready();
  const opts = sequenceOptions(options);
  const testSplit = testSplitOption(options, 0.2);
  const path = await getFile(KERAS_FILES.reuters, 'Reuters', pathOption(options));
  const { xs, labels } = examples(parseNpz(readFileSync(path)), 'x', 'y', path);
  const order = new RandomState(opts.seed).permutation(xs.length);
  const [kept, keptLabels] = removeLongSeq(opts.maxlen, markWords(reorder(xs, order), opts), reorder(labels, order));
  const limited = limitVocabulary(kept, opts);
  const cut = Math.floor(limited.length * (1 - testSplit));
  return [
    sequenceSplit(limited.slice(0, cut), keptLabels.slice(0, cut)),
    sequenceSplit(limited.slice(cut), keptLabels.slice(cut)),
  ];
}

/** Keras's `datasets.reuters.get_word_index()`: resolves to `{ word: rank }` (add `index_from`, 3, to match load_data's indexes). Option `path`. */
export function getWordIndex(options: WordIndexOptions = {}): Promise<WordIndex> {
  return loadWordIndex(KERAS_FILES.reutersWordIndex, 'Reuters', options);
}

/** The 46 topic names, indexed like the labels. */
export function getLabelNames(): readonly string[] {
  return LABEL_NAMES;
}

const LABEL_NAMES = [
  'cocoa', 'grain', 'veg-oil', 'earn', 'acq', 'wheat', 'copper', 'housing', 'money-supply', 'coffee', 'sugar',
  'trade', 'reserves', 'ship', 'cotton', 'carcass', 'crude', 'nat-gas', 'cpi', 'money-fx', 'interest', 'gnp',
  'meal-feed', 'alum', 'oilseed', 'gold', 'tin', 'strategic-metal', 'livestock', 'retail', 'ipi', 'iron-steel',
  'rubber', 'heat', 'jobs', 'lei', 'bop', 'zinc', 'orange', 'pet-chem', 'dlr', 'gas', 'silver', 'wpi', 'hog', 'lead',
] as const;
