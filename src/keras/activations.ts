// The `activations` namespace: Keras's activation functions on tensors.
import * as tf from '@tensorflow/tfjs';

type Fn = (x: tf.Tensor) => tf.Tensor;

export const relu: Fn = (x) => tf.relu(x);
export const relu6: Fn = (x) => tf.relu6(x);
export const sigmoid: Fn = (x) => tf.sigmoid(x);
export const tanh: Fn = (x) => tf.tanh(x);
export const elu: Fn = (x) => tf.elu(x);
export const selu: Fn = (x) => tf.selu(x);
export const softplus: Fn = (x) => tf.softplus(x);
export const softsign: Fn = (x) => tf.tidy(() => tf.div(x, tf.add(1, tf.abs(x))));
export const swish: Fn = (x) => tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
export const silu = swish;
export const exponential: Fn = (x) => tf.exp(x);
export const linear: Fn = (x) => x;
export const hardSigmoid: Fn = (x) => tf.tidy(() => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1));
export const hard_sigmoid = hardSigmoid;
export const leakyRelu = (x: tf.Tensor, negativeSlope = 0.2): tf.Tensor => tf.leakyRelu(x, negativeSlope);
export const leaky_relu = leakyRelu;
export const softmax = (x: tf.Tensor, axis = -1): tf.Tensor => tf.softmax(x, axis);
export const logSoftmax = (x: tf.Tensor, axis = -1): tf.Tensor => tf.logSoftmax(x, axis);
export const log_softmax = logSoftmax;

const BY_ID: Record<string, Fn> = { relu, relu6, sigmoid, tanh, elu, selu, softplus, softsign, swish, silu, exponential, linear, hardSigmoid, leakyRelu, softmax, logSoftmax };

/** An activation by Keras id ('relu', 'hard_sigmoid'...). */
export function get(id: string): Fn {
  const fn = BY_ID[id.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
  if (!fn) throw new Error(`Unknown activation '${id}'. Known: ${Object.keys(BY_ID).join(', ')}.`);
  return fn;
}
