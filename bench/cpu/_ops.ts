import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend';
(async () => {
  await initBackend();
  const a = tf.randomUniform([784, 512]); const b = tf.randomUniform([784, 512]); const s = tf.scalar(0.9);
  const x = tf.randomUniform([128, 784]); const g = tf.randomUniform([128, 512]);
  const time = (n: string, f: () => tf.Tensor) => { for (let i = 0; i < 5; i++) f().dispose(); const t0 = performance.now(); for (let i = 0; i < 50; i++) f().dispose(); console.log(n.padEnd(20), ((performance.now() - t0) / 50).toFixed(3)); };
  time('add same', () => tf.add(a, b));
  time('mul scalar', () => tf.mul(a, s));
  time('sqrt', () => tf.sqrt(a));
  time('square', () => tf.square(a));
  time('div', () => tf.div(a, b));
  time('dW matmul tA', () => tf.matMul(x, g, true, false));
  time('fwd matmul', () => tf.matMul(x, a));
  time('dx matmul tB', () => tf.matMul(g, a, false, true));
})();
