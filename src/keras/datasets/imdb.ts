// `datasets.imdb`: 25,000 training and 25,000 test movie reviews as word-index sequences, labelled 0/1 by sentiment.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { getFile } from './get-file';
import { RandomState } from './numpy-random';
import { pathOption } from './options';
import { parseNpz } from './readers/npz';
import { KERAS_FILES } from './remote';
import { limitVocabulary, markWords, removeLongSeq, reorder, sequenceOptions } from './sequences';
import { examples, sequenceSplit, type SequenceData, type TextLoadOptions } from './text-datasets';
import { loadWordIndex, type WordIndex, type WordIndexOptions } from './word-index';

/**
 * Keras's `datasets.imdb.load_data()`: resolves to `[[xTrain, yTrain], [xTest, yTest]]`, 25,000 reviews each, `x` as
 * arrays of word indexes (ragged) and `y` as int32 0/1 tensors. Options `num_words` (all), `skip_top` (0), `maxlen`
 * (none), `seed` (113), `start_char` (1), `oov_char` (2), `index_from` (3), `path`.
 * @example const [[xTrain, yTrain], [xTest, yTest]] = await datasets.imdb.load_data({ num_words: 10000 });
 */
export async function loadData(options: TextLoadOptions = {}): Promise<SequenceData> {
  // The backend tfjs picked (wasm starts asynchronously) must be up before tensors are made.
  await tf.ready();
  const opts = sequenceOptions(options);
  const path = await getFile(KERAS_FILES.imdb, 'IMDB', pathOption(options));
  const arrays = parseNpz(readFileSync(path));
  const rng = new RandomState(opts.seed);
  const [train, test] = [examples(arrays, 'x_train', 'y_train', path), examples(arrays, 'x_test', 'y_test', path)].map(
    ({ xs, labels }) => {
      const order = rng.permutation(xs.length);
      return removeLongSeq(opts.maxlen, markWords(reorder(xs, order), opts), reorder(labels, order));
    },
  );
  if (opts.maxlen && (train[0].length === 0 || test[0].length === 0)) {
    throw new Error(
      `After filtering for sequences shorter than maxlen=${opts.maxlen}, no sequence was kept. Increase maxlen.`,
    );
  }
  // The vocabulary limit looks at train and test together, as in Keras.
  const xs = limitVocabulary([...train[0], ...test[0]], opts);
  const cut = train[0].length;
  return [sequenceSplit(xs.slice(0, cut), train[1]), sequenceSplit(xs.slice(cut), test[1])];
}

/** Keras's `datasets.imdb.get_word_index()`: resolves to `{ word: rank }` (add `index_from`, 3, to match load_data's indexes). Option `path`. */
export function getWordIndex(options: WordIndexOptions = {}): Promise<WordIndex> {
  return loadWordIndex(KERAS_FILES.imdbWordIndex, 'IMDB', options);
}
