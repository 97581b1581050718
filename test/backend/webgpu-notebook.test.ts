// The kernel with TSDL_BACKEND=webgpu on SwiftShader (Debian's chromium package): its banner names the software adapter,
// and a notebook run by `tsdl run` like the example notebooks names it too and trains a small convnet to the losses
// and predictions of the same notebook on the cpu backend. The example notebooks themselves train for minutes on a CPU
// backend; SwiftShader runs every GPU dispatch on the CPU too, so this one is small.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { useKernel } from '../helpers/kernel';
import { errors, readNotebook, visibleText } from '../notebooks/executed';
import { relErr } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';

const CELLS = [
  `const info = utils.backendInfo();
console.log(\`backend: \${info.name} on \${info.device}\`);`,
  `// Data and weights from a formula, the same on every backend.
let seed = 7;
const next = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
const fill = (shape: number[]) => tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, next), shape);
const x = fill([32, 6, 6, 1]);
const y = utils.toCategorical(Array.from({ length: 32 }, (_, i) => i % 3), 3);
const model = models.Sequential([
  layers.Conv2D(4, [3, 3], { activation: 'relu', input_shape: [6, 6, 1] }),
  layers.MaxPooling2D([2, 2]),
  layers.Flatten(),
  layers.Dense(3, { activation: 'softmax' }),
]);
model.setWeights(model.getWeights().map((w) => fill(w.shape).mul(0.5)));
model.compile({ optimizer: optimizers.Adam({ lr: 0.01 }), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
const history = await model.fit(x, y, { epochs: 3, batch_size: 8, shuffle: false });`,
  `console.log(\`losses: \${JSON.stringify(history.history.loss)}\`);
console.log(\`predictions: \${JSON.stringify(Array.from((model.predict(x) as tf.Tensor).dataSync()))}\`);`,
];

function notebook(): object {
  const cells = CELLS.map((source) => ({ cell_type: 'code', metadata: {}, source, outputs: [], execution_count: null }));
  return { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'tsdl', display_name: 'TypeScript (tsdl)', language: 'typescript' } }, cells };
}

/** Runs the notebook with TSDL_BACKEND=backend; returns what it printed. */
function run(dir: string, backend: string): string {
  const input = path.join(dir, 'webgpu.ipynb');
  const output = path.join(dir, `${backend}.ipynb`);
  const env = { ...process.env, TSDL_BACKEND: backend, VK_ICD_FILENAMES: SWIFTSHADER };
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tsdl.js'), 'run', input, '-o', output, '--timeout', '120'], { env, encoding: 'utf8', timeout: 150000 });
  expect(result.status, `tsdl run on ${backend}:\n${result.stderr}`).to.equal(0);
  const executed = readNotebook(output);
  expect(errors(executed)).to.deep.equal([]);
  return visibleText(executed);
}

const printed = (text: string, label: string): number[] => JSON.parse(new RegExp(`^${label}: (.*)$`, 'm').exec(text)?.[1] ?? 'null') as number[];

describe('backend: a notebook on webgpu (SwiftShader) through the kernel', function () {
  this.timeout(300000);
  const kernel = useKernel({ env: { ...process.env, TSDL_BACKEND: 'webgpu', VK_ICD_FILENAMES: SWIFTSHADER } });

  it("names the software adapter in the kernel's banner", async () => {
    await kernel().execute('1');
    const info = await kernel().request('shell', 'kernel_info_request', {});
    expect(info.content.banner).to.match(/backend webgpu on CPU \(WebGPU, software adapter: google swiftshader \(.*SwiftShader driver/);
  });

  it("names the software adapter and trains to the cpu run's losses and predictions", () => {
    expect(fs.existsSync(SWIFTSHADER), `${SWIFTSHADER} (Debian's chromium package) is needed`).to.equal(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-webgpu-notebook-'));
    try {
      fs.writeFileSync(path.join(dir, 'webgpu.ipynb'), JSON.stringify(notebook()));
      const gpu = run(dir, 'webgpu');
      const cpu = run(dir, 'cpu');
      expect(gpu).to.match(/^backend: webgpu on CPU \(WebGPU, software adapter: google swiftshader \(.*SwiftShader driver/m);
      expect(cpu).to.match(/^backend: cpu on CPU \(plain JavaScript\)/m);
      const losses = { gpu: printed(gpu, 'losses'), cpu: printed(cpu, 'losses') };
      expect(losses.cpu).to.have.length(3);
      expect(losses.gpu[2], 'the loss falls').to.be.below(losses.gpu[0]);
      expect(relErr(losses.gpu, losses.cpu), `losses ${losses.gpu} vs ${losses.cpu}`).to.be.below(1e-4);
      expect(relErr(printed(gpu, 'predictions'), printed(cpu, 'predictions')), 'predictions').to.be.below(1e-4);
      expect(gpu, "fit's epoch lines").to.match(/Epoch 3\/3\n+4\/4 \[={30}\]/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
