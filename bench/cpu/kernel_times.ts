/**
 * Where an epoch's time goes, per kernel, on tsdl's default backend: wraps every wasm kernel with a
 * timer, trains one epoch after a warm-up, and prints per-step milliseconds and calls per kernel.
 *   node -r esbuild-register bench/cpu/kernel_times.ts <model> [samples]   (models: bench/cpu/models.ts)
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend';
import { lossOf, SPECS, type ModelName } from './models';

async function main(): Promise<void> {
  await initBackend();
  const totals = new Map<string, { ms: number; calls: number }>();
  for (const k of tf.getKernelsForBackend('wasm')) {
    const f = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, 'wasm');
    tf.registerKernel({
      ...k,
      kernelFunc: (args) => {
        const t = performance.now();
        const r = f(args);
        const e = totals.get(k.kernelName) ?? { ms: 0, calls: 0 };
        e.ms += performance.now() - t;
        e.calls++;
        totals.set(k.kernelName, e);
        return r;
      },
    });
  }
  const name = process.argv[2] as ModelName;
  const spec = SPECS[name];
  const n = Number(process.argv[3] ?? spec.batchSize * 4);
  const model = spec.build(tf);
  model.compile({ optimizer: tf.train.rmsprop(1e-3, 0.9, 0, 1e-7), loss: lossOf(name) });
  const { x, y } = spec.data(tf, n);
  await model.fit(x, y, { epochs: 1, batchSize: spec.batchSize, verbose: 0 });
  totals.clear();
  const t0 = performance.now();
  await model.fit(x, y, { epochs: 1, batchSize: spec.batchSize, verbose: 0 });
  const steps = Math.ceil(n / spec.batchSize);
  const inKernels = [...totals.values()].reduce((s, v) => s + v.ms, 0);
  console.log(`ms per step: ${((performance.now() - t0) / steps).toFixed(2)} wall, ${(inKernels / steps).toFixed(2)} in kernels`);
  for (const [k, v] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) {
    console.log(`${k.padEnd(24)} ${(v.ms / steps).toFixed(3).padStart(9)} ms ${(v.calls / steps).toFixed(1).padStart(8)} calls`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
