// MNIST-style image sets as tensors: pixels 0-255 and labels 0-9 are int32, since TensorFlow.js has no uint8
// (Keras returns uint8); `x.cast('float32').div(255)` gives the usual float inputs.
import type * as tf from '@tensorflow/tfjs';
import { int32Tensor } from '../../backend/int32-tensor';
import { integers } from './arrays';
import type { NumericData } from './readers/dtype';
import type { IdxData } from './readers/idx';

export interface ImageArray {
  shape: number[];
  data: NumericData | IdxData;
}

export type ImageSplit = [tf.Tensor3D, tf.Tensor1D];
export type ImageData = [ImageSplit, ImageSplit];

/** Images [n, rows, cols] and labels [n] as int32 tensors `[x, y]`, checked to match. */
export function imageSplit(x: ImageArray, y: ImageArray, what: string): ImageSplit {
  if (x.shape.length !== 3 || y.shape.length !== 1 || x.shape[0] !== y.shape[0]) {
    throw new Error(`${what}: images of shape [${x.shape}] do not match labels of shape [${y.shape}].`);
  }
  const [n, rows, cols] = x.shape;
  return [
    int32Tensor(integers(x.data, `${what} images`), [n, rows, cols]) as tf.Tensor3D,
    int32Tensor(integers(y.data, `${what} labels`), [y.shape[0]]) as tf.Tensor1D,
  ];
}
