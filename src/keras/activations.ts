// The `activations` namespace: Keras's activation functions on tensors.
import * as tf from '@tensorflow/tfjs';

type Fn = (x: tf.Tensor) => tf.Tensor;

/**
 * Keras's `relu` activation: `max(x, 0)`.
 * @example activations.relu(tf.tensor([-1, 2]))
 */
export const relu: Fn = (x) => tf.relu(x);
/** Keras's `relu6` activation: `min(max(x, 0), 6)`. */
export const relu6: Fn = (x) => tf.relu6(x);
/**
 * Keras's `sigmoid` activation: `1 / (1 + exp(-x))`.
 * @example activations.sigmoid(tf.tensor([0, 2]))
 */
export const sigmoid: Fn = (x) => tf.sigmoid(x);
/** Keras's `tanh` activation: the hyperbolic tangent. */
export const tanh: Fn = (x) => tf.tanh(x);
/** Keras's `elu` activation (alpha 1): `x` for x > 0, `exp(x) - 1` otherwise. */
export const elu: Fn = (x) => tf.elu(x);
/** Keras's `selu` activation: the scaled ELU, `scale * elu(x, alpha)` with scale ≈ 1.0507 and alpha ≈ 1.6733. */
export const selu: Fn = (x) => tf.selu(x);
/** Keras's `softplus` activation: `log(exp(x) + 1)`. */
export const softplus: Fn = (x) => tf.softplus(x);
/** Keras's `softsign` activation: `x / (abs(x) + 1)`. */
export const softsign: Fn = (x) => tf.tidy(() => tf.div(x, tf.add(1, tf.abs(x))));
/** Keras's `swish` (also `silu`) activation: `x * sigmoid(x)`. */
export const swish: Fn = (x) => tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
/** Keras's `silu`: the same as {@link swish}, `x * sigmoid(x)`. */
export const silu = swish;
/** Keras's `exponential` activation: `exp(x)`. */
export const exponential: Fn = (x) => tf.exp(x);
/** Keras's `linear` activation: `x` unchanged. */
export const linear: Fn = (x) => x;
/** Keras 2's `hard_sigmoid` activation: `clip(0.2 * x + 0.5, 0, 1)` (Keras 3's is `clip(x / 6 + 0.5, 0, 1)`). */
export const hardSigmoid: Fn = (x) => tf.tidy(() => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1));
/** Keras's snake_case name for {@link hardSigmoid}. */
export const hard_sigmoid = hardSigmoid;
/**
 * Keras's `leaky_relu(x, negative_slope)` activation: `x` for x >= 0, `negative_slope * x` otherwise.
 * `negative_slope` (0.2).
 * @example activations.leakyRelu(x, 0.1)
 */
export const leakyRelu = (x: tf.Tensor, negativeSlope = 0.2): tf.Tensor => tf.leakyRelu(x, negativeSlope);
/** Keras's snake_case name for {@link leakyRelu}. */
export const leaky_relu = leakyRelu;
/**
 * Keras's `softmax(x, axis)` activation: `exp(x) / sum(exp(x))` along `axis` (-1).
 * @example activations.softmax(tf.tensor2d([[1, 2, 3]]))
 */
export const softmax = (x: tf.Tensor, axis = -1): tf.Tensor => tf.softmax(x, axis);
/** Keras's `log_softmax(x, axis)` activation: `log(softmax(x))` along `axis` (-1), computed stably. */
export const logSoftmax = (x: tf.Tensor, axis = -1): tf.Tensor => tf.logSoftmax(x, axis);
/** Keras's snake_case name for {@link logSoftmax}. */
export const log_softmax = logSoftmax;

const BY_ID: Record<string, Fn> = { relu, relu6, sigmoid, tanh, elu, selu, softplus, softsign, swish, silu, exponential, linear, hardSigmoid, leakyRelu, softmax, logSoftmax };

/** An activation by Keras id ('relu', 'hard_sigmoid'...). */
export function get(id: string): Fn {
  const fn = BY_ID[id.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
  if (!fn) throw new Error(`Unknown activation '${id}'. Known: ${Object.keys(BY_ID).join(', ')}.`);
  return fn;
}
