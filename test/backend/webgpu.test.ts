// The webgpu backend on a software adapter: SwiftShader's Vulkan driver from Debian's chromium package, which Dawn
// takes only when TSDL_BACKEND=webgpu asks for it. Selection, synchronous reads, and a dense model, a convnet, an LSTM
// and a CTC model training to the cpu backend's losses and predictions from the same weights. Shapes are tiny:
// SwiftShader runs each dispatch on the CPU.
import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { backendInfo, initBackend } from '../../src/backend';
import { int32Tensor } from '../../src/backend/int32-tensor';
import { fusesOn } from '../../src/backend/rnn/rnn-kernels';
import { describeAdapter } from '../../src/backend/webgpu/adapter';
import { missingVulkanDriver } from '../../src/backend/webgpu/drivers';
import { layers, models, optimizers } from '../../src/keras';
import { relErr } from './helpers';

/** Debian's chromium package installs SwiftShader's Vulkan driver here (CI installs chromium). */
const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';

const reason = (id: string) => backendInfo().candidates.find((c) => c.id === id)!.reason;

/** Deterministic values in [-1, 1), the same on every backend. */
function values(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const oneHot = (n: number, classes: number) => Array.from({ length: n * classes }, (_, i) => (i % classes === Math.floor(i / classes) % classes ? 1 : 0));

interface Case {
  build: () => models.SequentialInstance | models.ModelInstance;
  x: [number[], number[]];
  y: [number[], number[]];
  loss: string;
}

const CASES: Record<string, Case> = {
  'dense model': {
    build: () => models.Sequential([layers.Dense(8, { activation: 'relu', input_shape: [4] }), layers.Dense(3, { activation: 'softmax' })]),
    x: [values(32, 1), [8, 4]],
    y: [oneHot(8, 3), [8, 3]],
    loss: 'categorical_crossentropy',
  },
  convnet: {
    build: () =>
      models.Sequential([
        layers.Conv2D(4, [3, 3], { activation: 'relu', input_shape: [6, 6, 1] }),
        layers.MaxPooling2D([2, 2]),
        layers.Flatten(),
        layers.Dense(3, { activation: 'softmax' }),
      ]),
    x: [values(8 * 36, 2), [8, 6, 6, 1]],
    y: [oneHot(8, 3), [8, 3]],
    loss: 'categorical_crossentropy',
  },
  LSTM: {
    build: () => models.Sequential([layers.LSTM(4, { input_shape: [4, 2] }), layers.Dense(1)]),
    x: [values(8 * 8, 3), [8, 4, 2]],
    y: [values(8, 4), [8, 1]],
    loss: 'mse',
  },
  'CTC model': {
    build: () => {
      const input = layers.Input({ shape: [5, 3] });
      const hidden = layers.Bidirectional(layers.LSTM(3, { return_sequences: true }))(input);
      return models.Model({ inputs: input, outputs: layers.TimeDistributed(layers.Dense(4))(hidden) });
    },
    x: [values(8 * 15, 5), [8, 5, 3]],
    // Keras 3's labels: symbol ids from 1, padded with the blank (0).
    y: [[1, 2, 3, 0, 2, 2, 1, 3, 3, 1, 2, 0, 1, 1, 3, 2], [8, 2]],
    loss: 'ctc',
  },
};

/** Trains `c` on `backend` from `weights` (two epochs of two batches) and returns its losses and predictions. */
async function train(backend: string, c: Case, weights: number[][]): Promise<{ losses: number[]; predictions: Float32Array }> {
  await initBackend({ forced: backend });
  const model = c.build();
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(weights[i], w.shape)));
  model.compile({ optimizer: optimizers.Adam({ lr: 0.01 }), loss: c.loss });
  const x = tf.tensor(...c.x);
  const y = tf.tensor(...c.y);
  const history = await model.fit(x, y, { epochs: 2, batch_size: 4, shuffle: false, verbose: 0 });
  const predictions = (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
  return { losses: history.history.loss as number[], predictions };
}

describe('backend: webgpu on a software adapter (SwiftShader)', function () {
  this.timeout(60000);
  const saved = { icd: process.env.VK_ICD_FILENAMES, forced: process.env.TSDL_BACKEND };

  before(() => {
    expect(fs.existsSync(SWIFTSHADER), `${SWIFTSHADER} (Debian's chromium package) is needed`).to.equal(true);
    // Read by the Vulkan loader when Dawn first loads, in the first test below.
    process.env.VK_ICD_FILENAMES = SWIFTSHADER;
    delete process.env.TSDL_BACKEND;
  });

  after(async () => {
    for (const [name, value] of [['VK_ICD_FILENAMES', saved.icd], ['TSDL_BACKEND', saved.forced]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await initBackend({ forced: 'wasm' });
  });

  it('is passed over in auto mode, with a reason that names the software adapter', async () => {
    const info = await initBackend();
    expect(info.id).to.equal('wasm');
    expect(reason('webgpu')).to.match(/only a software adapter, google swiftshader \(.*SwiftShader driver/);
  });

  it('starts with TSDL_BACKEND=webgpu; backendInfo names the adapter', async () => {
    process.env.TSDL_BACKEND = 'webgpu';
    try {
      const info = await initBackend();
      expect(info).to.include({ id: 'webgpu', name: 'webgpu', forced: 'webgpu' });
      expect(info.device).to.match(/^CPU \(WebGPU, software adapter: google swiftshader \(.*SwiftShader driver/);
      expect(reason('webgpu')).to.match(/TSDL_BACKEND=webgpu; Dawn found a software adapter, google swiftshader/);
      expect(tf.getBackend()).to.equal('webgpu');
    } finally {
      delete process.env.TSDL_BACKEND;
    }
  });

  it("reads GPU tensors synchronously, and carries none of tsdl's CPU kernels", async () => {
    await initBackend({ forced: 'webgpu' });
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const product = tf.matMul(a, a);
    expect(Array.from(product.dataSync())).to.deep.equal([7, 10, 15, 22]);
    expect(product.add(1).arraySync()).to.deep.equal([[8, 11], [16, 23]]);
    expect(Array.from(int32Tensor(new Uint8Array([1, 2, 255]), [3]).mul(2).dataSync())).to.deep.equal([2, 4, 510]);
    expect(tf.getKernelsForBackend('webgpu').map((k) => k.kernelName).filter((name) => name.startsWith('Tsdl'))).to.deep.equal([]);
    expect(fusesOn('webgpu', 'lstm')).to.equal(false);
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(`trains a ${name} to the cpu backend's losses and predictions`, async () => {
      await initBackend({ forced: 'cpu' });
      const weights = c.build().getWeights().map((w, i) => values(size(w.shape), 100 + i).map((v) => v * 0.5));
      const cpu = await train('cpu', c, weights);
      const gpu = await train('webgpu', c, weights);
      expect(tf.getBackend()).to.equal('webgpu');
      expect(cpu.losses[1], 'the loss falls').to.be.below(cpu.losses[0]);
      expect(relErr(gpu.losses, cpu.losses), `losses ${gpu.losses} vs ${cpu.losses}`).to.be.below(1e-4);
      expect(relErr(gpu.predictions, cpu.predictions), 'predictions').to.be.below(1e-4);
    });
  }
});

describe('backend: webgpu adapters and Vulkan drivers', () => {
  it('tells a GPU from a software adapter and names both', () => {
    const info = { vendor: 'nvidia', architecture: 'hopper', device: 'NVIDIA H200', description: 'NVIDIA: 570.86.15' };
    expect(describeAdapter({ info })).to.deep.equal({ software: false, name: 'nvidia hopper (NVIDIA H200, NVIDIA: 570.86.15)' });
    const lavapipe = { vendor: 'mesa', architecture: '', device: 'llvmpipe (LLVM 15.0.6, 256 bits)', description: 'Mesa 22.3.6' };
    expect(describeAdapter({ info: lavapipe }).software).to.equal(true);
    expect(describeAdapter({ info: { ...info, isFallbackAdapter: true } }).software).to.equal(true);
  });

  it("finds the Vulkan loader's driver manifests, or says there are none", function () {
    if (process.platform !== 'linux') this.skip();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-vulkan-'));
    try {
      const env = { XDG_CONFIG_DIRS: path.join(root, 'etc'), XDG_DATA_HOME: path.join(root, 'home'), XDG_DATA_DIRS: path.join(root, 'share') };
      // /etc/vulkan/icd.d is searched whatever the variables say; on a machine with a driver there, only the hit shows.
      const systemDriver = fs.existsSync('/etc/vulkan/icd.d') && fs.readdirSync('/etc/vulkan/icd.d').some((f) => f.endsWith('.json'));
      if (!systemDriver) expect(missingVulkanDriver(env)).to.match(/^no Vulkan driver is installed/);
      expect(missingVulkanDriver({ ...env, VK_ICD_FILENAMES: SWIFTSHADER })).to.equal(null);
      fs.mkdirSync(path.join(root, 'share', 'vulkan', 'icd.d'), { recursive: true });
      fs.writeFileSync(path.join(root, 'share', 'vulkan', 'icd.d', 'nvidia_icd.json'), '{}');
      expect(missingVulkanDriver(env)).to.equal(null);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
