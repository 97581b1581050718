import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { activeTf, backendInfo, initBackend } from '../../src/backend';

/**
 * Stand-ins for @tensorflow/tfjs-node(-gpu): like the real packages they re-export tfjs with a
 * 'tensorflow' backend (here the cpu kernels under that name) and set it on load. `gpu` sets what
 * tfjs-node's backend reports as `isUsingGpuDevice`; `broken` throws as a missing libtensorflow does.
 */
function standIn(root: string, pkg: string, kind: { gpu?: boolean; broken?: boolean }): void {
  const dir = path.join(root, 'node_modules', '@tensorflow', pkg);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `@tensorflow/${pkg}`, version: '0.0.0-standin', main: 'index.js' }));
  const tfPath = JSON.stringify(require.resolve('@tensorflow/tfjs'));
  const body = kind.broken
    ? `throw new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory');`
    : `const tf = require(${tfPath});
if (!tf.findBackendFactory('tensorflow')) {
  const cpu = require(${JSON.stringify(require.resolve('@tensorflow/tfjs-backend-cpu'))});
  tf.registerBackend('tensorflow', () => new cpu.MathBackendCPU());
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'tensorflow' });
}
tf.engine().findBackend('tensorflow').isUsingGpuDevice = ${kind.gpu === true};
module.exports = { ...tf, version: { ...tf.version, 'tfjs-node': '9.9.9-${pkg}' }, standIn: '${pkg}' };`;
  fs.writeFileSync(path.join(dir, 'index.js'), body);
}

function tmpRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-backend-'));
}

const reason = (id: string) => backendInfo().candidates.find((c) => c.id === id)!.reason;

describe('backend: selection order', function () {
  this.timeout(20000);
  const roots: string[] = [];
  const root = () => {
    const r = tmpRoot();
    roots.push(r);
    return r;
  };

  after(async () => {
    await initBackend({ forced: 'wasm' });
    if (tf.findBackend('tensorflow')) tf.removeBackend('tensorflow');
    for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  });

  it('picks tfjs-node-gpu where it loads and sees a GPU, and hands out its tf module', async () => {
    const r = root();
    standIn(r, 'tfjs-node-gpu', { gpu: true });
    standIn(r, 'tfjs-node', {});
    const info = await initBackend({ resolveFrom: r, forced: '' });
    expect(info).to.include({ id: 'tfjs-node-gpu', name: 'tensorflow', version: '9.9.9-tfjs-node-gpu' });
    expect(info.device).to.match(/GPU/);
    expect((activeTf() as unknown as { standIn: string }).standIn).to.equal('tfjs-node-gpu');
    expect(info.candidates.map((c) => c.chosen)).to.deep.equal([true, false, false, false, false]);
  });

  it('skips tfjs-node-gpu without a GPU and takes tfjs-node', async () => {
    const r = root();
    standIn(r, 'tfjs-node-gpu', { gpu: false });
    standIn(r, 'tfjs-node', {});
    const info = await initBackend({ resolveFrom: r, forced: '' });
    expect(info.id).to.equal('tfjs-node');
    expect(info.device).to.match(/CPU \(TensorFlow native\)/);
    expect(reason('tfjs-node-gpu')).to.match(/sees no GPU/);
    expect((activeTf() as unknown as { standIn: string }).standIn).to.equal('tfjs-node');
  });

  it('reports a native package that fails to load and falls back to wasm', async () => {
    const r = root();
    standIn(r, 'tfjs-node', { broken: true });
    const info = await initBackend({ resolveFrom: r, forced: '' });
    expect(info.id).to.equal('wasm');
    expect(reason('tfjs-node-gpu')).to.match(/not installed/);
    expect(reason('tfjs-node')).to.match(/failed to load: libtensorflow/);
    expect(activeTf().tensor).to.equal(tf.tensor);
    expect(activeTf()).not.to.have.property('standIn');
    expect(tf.getBackend()).to.equal('wasm');
  });

  it('falls back to wasm quickly when no native package is installed', async () => {
    const info = await initBackend({ resolveFrom: root(), forced: '' });
    expect(info.id).to.equal('wasm');
    expect(info.device).to.match(/WebAssembly/);
    const native = info.candidates.filter((c) => c.id.startsWith('tfjs-node'));
    for (const c of native) expect(c.ms, c.id).to.be.below(50);
    expect(info.initMs).to.be.below(2000);
    expect(reason('cpu')).to.match(/wasm was chosen first/);
  });

  it('honours TSDL_BACKEND, aliases included', async () => {
    const saved = process.env.TSDL_BACKEND;
    try {
      process.env.TSDL_BACKEND = 'cpu';
      const info = await initBackend({ resolveFrom: root() });
      expect(info).to.include({ id: 'cpu', forced: 'cpu', name: 'cpu' });
      expect(tf.getBackend()).to.equal('cpu');
      expect(reason('wasm')).to.match(/TSDL_BACKEND=cpu/);
      const r = root();
      standIn(r, 'tfjs-node', {});
      process.env.TSDL_BACKEND = 'tensorflow';
      expect((await initBackend({ resolveFrom: r })).id).to.equal('tfjs-node');
    } finally {
      if (saved === undefined) delete process.env.TSDL_BACKEND;
      else process.env.TSDL_BACKEND = saved;
    }
  });

  it('says why a forced backend cannot start, and names the valid values for an unknown one', async () => {
    const failure = (p: Promise<unknown>) => p.then(() => new Error('did not fail'), (e: Error) => e);
    expect((await failure(initBackend({ resolveFrom: root(), forced: 'gpu' }))).message).to.match(/TSDL_BACKEND=gpu: @tensorflow\/tfjs-node-gpu is not installed/);
    expect((await failure(initBackend({ forced: 'cuda' }))).message).to.match(/'cuda' is not a backend; use one of tfjs-node-gpu, tfjs-node, webgpu, wasm, cpu/);
  });
});
