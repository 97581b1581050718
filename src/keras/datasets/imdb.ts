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

export function getWordIndex(options: WordIndexOptions = {}): Promise<WordIndex> {
  return loadWordIndex(KERAS_FILES.imdbWordIndex, 'IMDB', options);
}
