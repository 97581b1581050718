import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend';
import { SPECS, lossOf, type ModelName } from './models';
(async () => {
  await initBackend();
  const totals = new Map<string, [number, number]>();
  for (const k of tf.getKernelsForBackend('wasm')) {
    const f = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, 'wasm');
    tf.registerKernel({ ...k, kernelFunc: (a) => { const t = performance.now(); const r = f(a); const e = totals.get(k.kernelName) ?? [0, 0]; e[0] += performance.now() - t; e[1]++; totals.set(k.kernelName, e); return r; } });
  }
  const name = process.argv[2] as ModelName; const spec = SPECS[name];
  const model = spec.build(tf);
  model.compile({ optimizer: tf.train.rmsprop(1e-3, 0.9, 0, 1e-7), loss: lossOf(name) });
  const n = Number(process.argv[3]);
  const { x, y } = spec.data(tf, n);
  await model.fit(x, y, { epochs: 1, batchSize: spec.batchSize, verbose: 0 });
  totals.clear();
  const t0 = performance.now();
  await model.fit(x, y, { epochs: 1, batchSize: spec.batchSize, verbose: 0 });
  const wall = performance.now() - t0;
  const steps = Math.ceil(n / spec.batchSize);
  let sum = 0; for (const [, v] of totals) sum += v[0];
  console.log('wall/step', (wall / steps).toFixed(3), 'kernels/step', (sum / steps).toFixed(3));
  [...totals].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25).forEach(([k, v]) => console.log(k.padEnd(24), (v[0] / steps).toFixed(3), (v[1] / steps).toFixed(1)));
})();
