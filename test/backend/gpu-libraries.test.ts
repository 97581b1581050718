// The CUDA libraries tfjs-node-gpu needs: found where (LD_LIBRARY_PATH, the ldconfig cache, tsdl's folder), with
// stand-in files named by their sonames; and a tfjs-node-gpu that sees no GPU, with the one-line reason in the
// backend report and in a real kernel's banner.
import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend';
import {
  cudaFolders,
  cudaLibraryDirs,
  GPU_COMPONENTS,
  GPU_SONAMES,
  kernelEnv,
  kernelVariables,
  ldconfigCache,
  locate,
  missingLibrariesNote,
  parseLdconfig,
  pipCommand,
} from '../../src/backend/gpu-libraries';
import { startKernel } from '../helpers/kernel';

const WHEEL_FOLDERS: Record<string, string> = {
  'CUDA runtime': 'cuda_runtime',
  cuBLAS: 'cublas',
  cuFFT: 'cufft',
  cuRAND: 'curand',
  cuSOLVER: 'cusolver',
  cuSPARSE: 'cusparse',
  cuDNN: 'cudnn',
};

const temps: string[] = [];
function temp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-cuda-'));
  temps.push(dir);
  return dir;
}

/** Empty files named as NVIDIA's CUDA 11 wheels lay them out under `root` (pip --target): nvidia/NAME/lib/SONAME. */
function wheelFolder(root: string, components = GPU_COMPONENTS.filter((c) => c.wheel)): string {
  for (const component of components) {
    const lib = path.join(root, 'nvidia', WHEEL_FOLDERS[component.name], 'lib');
    fs.mkdirSync(lib, { recursive: true });
    for (const soname of component.sonames) fs.writeFileSync(path.join(lib, soname), '');
  }
  return root;
}

/** A folder holding stand-ins for `sonames`, as a system library folder does. */
function libFolder(sonames: readonly string[]): string {
  const dir = temp();
  for (const soname of sonames) fs.writeFileSync(path.join(dir, soname), '');
  return dir;
}

/** A stand-in @tensorflow/tfjs-node-gpu: tfjs with a 'tensorflow' backend (cpu kernels) that reports no GPU. */
function noGpuPackage(root: string): string {
  const dir = path.join(root, 'node_modules', '@tensorflow', 'tfjs-node-gpu');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node-gpu', version: '0.0.0-standin', main: 'index.js' }));
  fs.writeFileSync(
    path.join(dir, 'index.js'),
    `const tf = require(${JSON.stringify(require.resolve('@tensorflow/tfjs'))});
if (!tf.findBackendFactory('tensorflow')) {
  const cpu = require(${JSON.stringify(require.resolve('@tensorflow/tfjs-backend-cpu'))});
  tf.registerBackend('tensorflow', () => new cpu.MathBackendCPU());
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'tensorflow' });
}
tf.engine().findBackend('tensorflow').isUsingGpuDevice = false;
module.exports = { ...tf, version: { ...tf.version, 'tfjs-node': '9.9.9' } };`,
  );
  return root;
}

after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('GPU libraries: what tfjs-node-gpu 4.22 loads', () => {
  it("names libtensorflow 2.9's CUDA 11.2 / cuDNN 8.1 sonames, each with a pinned CUDA 11 wheel", () => {
    expect(GPU_SONAMES).to.include.members([
      'libcuda.so.1',
      'libcudart.so.11.0',
      'libcublas.so.11',
      'libcublasLt.so.11',
      'libcufft.so.10',
      'libcurand.so.10',
      'libcusolver.so.11',
      'libcusparse.so.11',
      'libcudnn.so.8',
      'libcudnn_cnn_infer.so.8',
    ]);
    for (const component of GPU_COMPONENTS.filter((c) => c.name !== 'NVIDIA driver')) {
      expect(component.wheel, component.name).to.match(/^nvidia-[a-z-]+-cu11==\d+(\.\d+)+$/);
    }
  });

  it("finds tsdl's folder from TSDL_CUDA_LIBS, else XDG_DATA_HOME or HOME", () => {
    expect(cudaFolders({ TSDL_CUDA_LIBS: '/a:/b', HOME: '/h' })).to.deep.equal(['/a', '/b']);
    expect(cudaFolders({ XDG_DATA_HOME: '/x', HOME: '/h' })).to.deep.equal(['/x/tsdl/cuda11']);
    expect(cudaFolders({ HOME: '/h' })).to.deep.equal(['/h/.local/share/tsdl/cuda11']);
  });

  it("lists the wheels' library folders that exist, puts them before the inherited LD_LIBRARY_PATH, and sets how CUDA compiles PTX", () => {
    const root = wheelFolder(temp());
    const env = { TSDL_CUDA_LIBS: root, LD_LIBRARY_PATH: '/opt/other' };
    const dirs = cudaLibraryDirs(env);
    expect(dirs).to.deep.equal([root, ...['cublas', 'cuda_runtime', 'cudnn', 'cufft', 'curand', 'cusolver', 'cusparse'].map((p) => path.join(root, 'nvidia', p, 'lib'))]);
    expect(kernelVariables(env)).to.deep.equal({ LD_LIBRARY_PATH: [...dirs, '/opt/other'].join(':'), CUDA_MODULE_LOADING: 'LAZY', CUDA_CACHE_MAXSIZE: '4294967296' });
    expect(kernelVariables(env, '${LD_LIBRARY_PATH}')?.LD_LIBRARY_PATH).to.equal([...dirs, '${LD_LIBRARY_PATH}'].join(':'));
    expect(kernelEnv(env)).to.deep.equal({ ...env, ...kernelVariables(env) });
    const none = { TSDL_CUDA_LIBS: path.join(temp(), 'absent'), LD_LIBRARY_PATH: '/opt/other' };
    expect(kernelVariables(none)).to.equal(null);
    expect(kernelEnv(none)).to.equal(none);
  });

  it('says where each library is: LD_LIBRARY_PATH first, then the ldconfig cache, then tsdl\'s folder', () => {
    const root = wheelFolder(temp());
    const onPath = libFolder(['libcudnn.so.8']);
    const system = libFolder(['libcufft.so.10']);
    const cache = parseLdconfig(
      `1234 libs found in cache \`/etc/ld.so.cache'\n\tlibcufft.so.10 (libc6,x86-64) => ${system}/libcufft.so.10\n\tlibcudart.so.12 (libc6,x86-64) => /usr/local/cuda/lib64/libcudart.so.12\n`,
    );
    const [cudnn, cufft, cudart, driver] = locate(['libcudnn.so.8', 'libcufft.so.10', 'libcudart.so.11.0', 'libcuda.so.1'], { TSDL_CUDA_LIBS: root, LD_LIBRARY_PATH: onPath }, cache);
    expect(cudnn.found).to.deep.equal([
      { path: path.join(onPath, 'libcudnn.so.8'), place: 'LD_LIBRARY_PATH' },
      { path: path.join(root, 'nvidia', 'cudnn', 'lib', 'libcudnn.so.8'), place: "tsdl's folder" },
    ]);
    expect(cufft.found.map((f) => f.place)).to.deep.equal(['ldconfig cache', "tsdl's folder"]);
    expect(cudart.found).to.deep.equal([{ path: path.join(root, 'nvidia', 'cuda_runtime', 'lib', 'libcudart.so.11.0'), place: "tsdl's folder" }]);
    expect(driver.found).to.deep.equal([]);
  });

  it("reads this machine's real ldconfig cache", () => {
    expect(ldconfigCache().get('libc.so.6')?.[0]).to.match(/\/libc\.so\.6$/);
  });

  it("says in one clause what this process's loader cannot find, and when tsdl's folder is not on its path", () => {
    const cache = new Map<string, string[]>();
    const root = wheelFolder(temp());
    const driver = libFolder(['libcuda.so.1']);
    const absent = path.join(temp(), 'absent');
    expect(missingLibrariesNote({ TSDL_CUDA_LIBS: absent }, cache)).to.equal(' (no NVIDIA driver: cannot find libcuda.so.1)');
    expect(missingLibrariesNote({ TSDL_CUDA_LIBS: absent, LD_LIBRARY_PATH: driver }, cache)).to.equal(
      ` (cannot find libcudart.so.11.0, libcublas.so.11, libcublasLt.so.11 and ${GPU_SONAMES.length - 4} more: run \`npx tsdl doctor\`)`,
    );
    expect(missingLibrariesNote({ TSDL_CUDA_LIBS: root, LD_LIBRARY_PATH: driver }, cache)).to.match(
      /^ \(libcudart\.so\.11\.0, libcublas\.so\.11, libcublasLt\.so\.11 and \d+ more only in tsdl's folder, not on LD_LIBRARY_PATH: run `npx tsdl install --user` again\)$/,
    );
    const started = { TSDL_CUDA_LIBS: root, LD_LIBRARY_PATH: `${driver}:${kernelVariables({ TSDL_CUDA_LIBS: root, LD_LIBRARY_PATH: '' })?.LD_LIBRARY_PATH}` };
    expect(missingLibrariesNote(started, cache)).to.equal('');
  });

  it('prints one pip command that installs every wheel into the first of tsdl\'s folders, quoted for the shell', () => {
    const command = pipCommand({ TSDL_CUDA_LIBS: "/data/it's here:/other" });
    expect(command).to.match(/^python3 -m pip install --upgrade --target '\/data\/it'\\''s here' nvidia-cuda-runtime-cu11==11\.8\.89 /);
    for (const component of GPU_COMPONENTS) if (component.wheel) expect(command).to.include(` ${component.wheel}`);
  });
});

describe('GPU libraries: a tfjs-node-gpu that sees no GPU', function () {
  this.timeout(60000);
  const saved = { TSDL_CUDA_LIBS: process.env.TSDL_CUDA_LIBS, LD_LIBRARY_PATH: process.env.LD_LIBRARY_PATH };

  after(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await initBackend({ forced: 'wasm' });
    if (tf.findBackend('tensorflow')) tf.removeBackend('tensorflow');
  });

  it('falls back to wasm, and the report says which libraries are missing', async () => {
    process.env.TSDL_CUDA_LIBS = path.join(temp(), 'absent');
    process.env.LD_LIBRARY_PATH = libFolder(['libcuda.so.1']);
    const info = await initBackend({ resolveFrom: noGpuPackage(temp()), forced: '' });
    expect(info.id).to.equal('wasm');
    const reason = info.candidates.find((c) => c.id === 'tfjs-node-gpu')!.reason;
    expect(reason).to.match(/^@tensorflow\/tfjs-node-gpu loaded but TensorFlow sees no GPU \(cannot find libcudart\.so\.11\.0, libcublas\.so\.11, libcublasLt\.so\.11 and \d+ more: run `npx tsdl doctor`\)$/);
  });

  it("shows the reason in one line of a real kernel's banner", async () => {
    const packages = noGpuPackage(temp());
    const kernel = await startKernel({
      env: { NODE_PATH: path.join(packages, 'node_modules'), TSDL_CUDA_LIBS: path.join(temp(), 'absent'), LD_LIBRARY_PATH: libFolder(['libcuda.so.1']), TSDL_BACKEND: '' },
    });
    try {
      const { reply } = await kernel.execute('tf.getBackend()');
      expect(reply.content.status).to.equal('ok');
      const banner = String((await kernel.request('shell', 'kernel_info_request', {})).content.banner);
      const line = banner.split('\n').find((l) => l.startsWith('Not chosen: '));
      expect(line, banner).to.match(/^Not chosen: tfjs-node-gpu: @tensorflow\/tfjs-node-gpu loaded but TensorFlow sees no GPU \(cannot find libcudart\.so\.11\.0, libcublas\.so\.11, libcublasLt\.so\.11 and \d+ more: run `npx tsdl doctor`\); /);
    } finally {
      await kernel.shutdown();
    }
  });
});
