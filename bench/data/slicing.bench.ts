// Slicing and batching on the default backend: one row and one batch out of a 60000×784 tensor (MNIST's shape) by
// slice, stridedSlice and gather, and predict against evaluate on the same model and data. Each figure is printed
// as a ratio to a baseline measured in the same run: gather of the same rows, and evaluate.
// Run: node -r esbuild-register bench/data/slicing.bench.ts
import { performance } from 'node:perf_hooks';
import { initBackend, activeTf } from '../../src/backend';
import { layers, models } from '../../src/keras';

const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(runs: number, work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const start = performance.now();
    await work();
    if (i > 0) times.push(performance.now() - start);
  }
  return median(times);
}

async function main(): Promise<void> {
  const info = await initBackend();
  const tf = activeTf();
  console.log(`backend ${info.name}${info.fastPath.active ? ` (${info.fastPath.detail})` : ''}`);
  const x = tf.randomNormal([60000, 784]);
  const read = (t: { dataSync(): unknown; dispose(): void }) => {
    t.dataSync();
    t.dispose();
  };
  const row = tf.tensor1d([30000], 'int32');
  const batch = tf.range(30000, 30128, 1, 'int32');
  const columns = tf.range(0, 10, 1, 'int32');
  // Each case against a gather that returns the same elements.
  const cases: [string, () => unknown, () => unknown][] = [
    ['slice, one row', () => read(x.slice(30000, 1)), () => read(tf.gather(x, row))],
    ['stridedSlice, one row', () => read(tf.stridedSlice(x, [30000, 0], [30001, 784], [1, 1])), () => read(tf.gather(x, row))],
    ['slice, 128 rows', () => read(x.slice(30000, 128)), () => read(tf.gather(x, batch))],
    ['slice, 10 columns of every row', () => read(x.slice([0, 0], [-1, 10])), () => read(tf.gather(x, columns, 1))],
  ];
  // A first round grows the wasm heap to its working size, so no case pays for that.
  for (const [, work, baseline] of cases) await timed(2, () => (work(), baseline()));
  console.log('| case | median | baseline: gather of the same elements | ratio |');
  console.log('|---|---|---|---|');
  for (const [name, work, baseline] of cases) {
    const [ms, base] = [await timed(RUNS, work), await timed(RUNS, baseline)];
    console.log(`| ${name} | ${ms.toFixed(2)} ms | ${base.toFixed(2)} ms | ${(ms / base).toFixed(2)}× |`);
  }
  tf.dispose([x, row, batch, columns]);

  // The book's MNIST convnet shape, 10,000 images: predict cuts its batches by slicing, evaluate by gathering.
  const model = models.Sequential([
    layers.Conv2D(32, 3, { activation: 'relu', input_shape: [28, 28, 1] }),
    layers.MaxPooling2D(2),
    layers.Flatten(),
    layers.Dense(10, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'rmsprop', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const images = tf.randomUniform([10000, 28, 28, 1]);
  const labels = tf.randomUniform([10000], 0, 10, 'int32');
  const evaluate = await timed(3, () => model.evaluate(images, labels, { verbose: 0 }));
  const predict = await timed(3, () => read(model.predict(images, { verbose: 0 }) as never));
  console.log(`\npredict ${(predict / 1000).toFixed(2)} s, evaluate ${(evaluate / 1000).toFixed(2)} s on 10,000 images: predict / evaluate ${(predict / evaluate).toFixed(2)}×`);
}

void main();
