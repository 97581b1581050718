// The `regularizers` namespace: `regularizers.l2(0.002)` as in Keras, or `{ l2: 0.002 }`.
import * as tf from '@tensorflow/tfjs';

type Reg = ReturnType<typeof tf.regularizers.l1>;

/**
 * Keras's `regularizers.L1`: adds `l1 * sum(abs(w))` to the loss. `l1` (0.01), a number or `{ l1 }`.
 * @example layers.Dense(64, { kernel_regularizer: regularizers.l1(0.001) })
 */
export const l1 = (l1: number | { l1?: number } = 0.01): Reg => tf.regularizers.l1({ l1: typeof l1 === 'number' ? l1 : (l1.l1 ?? 0.01) });
/**
 * Keras's `regularizers.L2`: adds `l2 * sum(square(w))` to the loss. `l2` (0.01), a number or `{ l2 }`.
 * @example layers.Dense(64, { kernel_regularizer: regularizers.l2(0.001) })
 */
export const l2 = (l2: number | { l2?: number } = 0.01): Reg => tf.regularizers.l2({ l2: typeof l2 === 'number' ? l2 : (l2.l2 ?? 0.01) });
/**
 * Keras's `regularizers.L1L2`: adds `l1 * sum(abs(w)) + l2 * sum(square(w))` to the loss. Options `l1` (0), `l2` (0).
 * @example layers.Dense(64, { kernel_regularizer: regularizers.l1L2({ l1: 1e-5, l2: 1e-4 }) })
 */
export const l1L2 = (options: { l1?: number; l2?: number } = {}): Reg => tf.regularizers.l1l2({ l1: options.l1 ?? 0, l2: options.l2 ?? 0 });
/** Keras's snake_case name for {@link l1L2}. */
export const l1_l2 = l1L2;
/** Keras's class name for {@link l1}. */
export const L1 = l1;
/** Keras's class name for {@link l2}. */
export const L2 = l2;
/** Keras's class name for {@link l1L2}. */
export const L1L2 = l1L2;
