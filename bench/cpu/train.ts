/**
 * Times one epoch of one benchmark model on one backend after a warm-up; prints one JSON line. With `repeats`,
 * times that many epochs and reports the median (short epochs on a shared machine).
 *   node -r esbuild-register bench/cpu/train.ts <model> <tsdl|wasm-stock|cpu> [samples] [repeats]   (models: bench/cpu/models.ts)
 * 'tsdl' is tsdl's default backend (initBackend()); 'wasm-stock' is tfjs-backend-wasm as shipped.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../../src/backend';
import { lossOf, SPECS, type ModelName } from './models';

async function main(): Promise<void> {
  const [name, backend, samplesArg, repeatsArg] = process.argv.slice(2) as [ModelName, string, string | undefined, string | undefined];
  const spec = SPECS[name];
  const n = Number(samplesArg ?? spec.fullSamples);
  let detail = backend;
  if (backend === 'tsdl') {
    const info = await initBackend();
    detail = `${info.name}: ${info.fastPath.detail} (${info.fastPath.kernels.join(', ')})`;
  } else await tf.setBackend(backend === 'wasm-stock' ? 'wasm' : backend);

  const model = spec.build(tf);
  model.compile({ optimizer: tf.train.rmsprop(1e-3, 0.9, 0, 1e-7), loss: lossOf(name) });
  const { x, y } = spec.data(tf, n);
  const warm = Math.min(n, spec.batchSize * 2);
  const [wx, wy] = [x.slice(0, warm), y.slice(0, warm)];
  let result: Record<string, unknown>;
  try {
    await model.fit(wx, wy, { epochs: 1, batchSize: spec.batchSize, verbose: 0, shuffle: false });
    const mem0 = tf.memory();
    const times: number[] = [];
    let h: tf.History | undefined;
    for (let r = 0; r < Math.max(1, Number(repeatsArg ?? 1)); r++) {
      const t0 = performance.now();
      h = await model.fit(x, y, { epochs: 1, batchSize: spec.batchSize, verbose: 0, shuffle: false });
      times.push((performance.now() - t0) / 1000);
    }
    const s = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    const mem1 = tf.memory();
    result = { seconds: s, fullEpochSeconds: (s * spec.fullSamples) / n, loss: h!.history.loss[0], tensorsDelta: (mem1.numTensors - mem0.numTensors) / times.length, bytesDelta: (mem1.numBytes - mem0.numBytes) / times.length };
  } catch (err) {
    result = { error: (err instanceof Error ? err.message : String(err)).split('\n')[0] };
  }
  console.log(JSON.stringify({ model: name, backend, detail, samples: n, ...result }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
