// The `regularizers` namespace: `regularizers.l2(0.002)` as in Keras, or `{ l2: 0.002 }`.
import * as tf from '@tensorflow/tfjs';

type Reg = ReturnType<typeof tf.regularizers.l1>;

export const l1 = (l1: number | { l1?: number } = 0.01): Reg => tf.regularizers.l1({ l1: typeof l1 === 'number' ? l1 : (l1.l1 ?? 0.01) });
export const l2 = (l2: number | { l2?: number } = 0.01): Reg => tf.regularizers.l2({ l2: typeof l2 === 'number' ? l2 : (l2.l2 ?? 0.01) });
export const l1L2 = (options: { l1?: number; l2?: number } = {}): Reg => tf.regularizers.l1l2({ l1: options.l1 ?? 0, l2: options.l2 ?? 0 });
export const l1_l2 = l1L2;
export const L1 = l1;
export const L2 = l2;
export const L1L2 = l1L2;
