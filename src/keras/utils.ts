// The `utils` namespace: to_categorical, normalize, and which backend runs.
import * as tf from '@tensorflow/tfjs';
import { backendInfo as backendReport } from '../backend';
import { ArrayLike, toTensor } from './training/data';

/** Keras `to_categorical`: integer labels → one-hot float32, the class axis last. */
export function toCategorical(labels: ArrayLike, numClasses?: number): tf.Tensor {
  const { tensor, owned } = toTensor(labels, 'utils.toCategorical');
  try {
    return tf.tidy(() => {
      let y = tensor.cast('int32');
      if (y.rank > 1 && y.shape[y.rank - 1] === 1) y = y.squeeze([y.rank - 1]);
      const n = numClasses ?? y.max().dataSync()[0] + 1;
      return tf.oneHot(y.flatten(), n).cast('float32').reshape([...y.shape, n]);
    });
  } finally {
    if (owned) tensor.dispose();
  }
}

/** Keras `normalize`: scales to unit Lp norm along `axis` (default: the last axis, L2). */
export function normalize(x: ArrayLike, axis = -1, order = 2): tf.Tensor {
  const { tensor, owned } = toTensor(x, 'utils.normalize');
  try {
    return tf.tidy(() => {
      const norm = tf.norm(tensor.cast('float32'), order, axis, true);
      return tf.div(tensor, tf.where(tf.equal(norm, 0), tf.onesLike(norm), norm));
    });
  } finally {
    if (owned) tensor.dispose();
  }
}

export const to_categorical = toCategorical;

/** The backend the kernel chose, its device and version, and why others were not chosen. */
export function backendInfo(): ReturnType<typeof backendReport> {
  return backendReport();
}
