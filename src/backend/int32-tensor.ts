// Integer data (a data set's pixels and labels, stored as bytes) as an int32 tensor. TensorFlow.js has no uint8, so
// the values are widened; on the wasm backend they are widened straight into the tensor's memory on the wasm heap,
// which spares a second copy of the whole array (MNIST's images are 188 MB as int32) and its fresh pages.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { view } from './wasm/heap';

export type SmallIntegers = Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array;

/** An int32 tensor of `shape` holding `values` (as many as the shape has elements). */
export function int32Tensor(values: SmallIntegers, shape: number[]): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (values.length !== size) throw new Error(`int32Tensor: ${values.length} values do not fill shape [${shape}]`);
  if (tf.getBackend() !== 'wasm' || values instanceof Int32Array) {
    return tf.tensor(values instanceof Int32Array ? values : new Int32Array(values), shape, 'int32');
  }
  const backend = tf.backend() as BackendWasm;
  // Allocated on the heap and left unfilled: every element is written next.
  const info = backend.makeOutput(shape, 'int32');
  (view(backend, info) as Int32Array).set(values);
  return tf.engine().makeTensorFromTensorInfo(info);
}
