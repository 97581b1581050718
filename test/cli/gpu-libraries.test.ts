// `tsdl doctor` on a stand-in GPU machine: a stand-in nvidia-smi on PATH, stand-in CUDA libraries (empty files named
// by their sonames) in tsdl's folder, and a kernelspec installed with and without that folder on LD_LIBRARY_PATH;
// and `tsdl run`, which starts its kernel with that folder on LD_LIBRARY_PATH as the kernelspec does.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GPU_COMPONENTS } from '../../src/backend/gpu-libraries';

const ROOT = join(__dirname, '..', '..');
const WHEELS = GPU_COMPONENTS.flatMap((c) => (c.wheel ? [c.wheel] : [])).join(' ');
const FOLDERS: Record<string, string> = { 'CUDA runtime': 'cuda_runtime', cuBLAS: 'cublas', cuFFT: 'cufft', cuRAND: 'curand', cuSOLVER: 'cusolver', cuSPARSE: 'cusparse', cuDNN: 'cudnn' };

/** A throwaway home with Jupyter's folders, a stand-in nvidia-smi printing `gpu` (or failing), and tsdl's folder. */
function machine(gpu: string | null, components: string[]) {
  const home = mkdtempSync(join(tmpdir(), 'tsdl-doctor-gpu-'));
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'nvidia-smi'), gpu ? `#!/bin/sh\necho '${gpu}'\n` : '#!/bin/sh\nexit 9\n');
  chmodSync(join(bin, 'nvidia-smi'), 0o755);
  const cuda = join(home, 'cuda11');
  for (const component of GPU_COMPONENTS.filter((c) => components.includes(c.name))) {
    const lib = join(cuda, 'nvidia', FOLDERS[component.name], 'lib');
    mkdirSync(lib, { recursive: true });
    for (const soname of component.sonames) writeFileSync(join(lib, soname), '');
  }
  // The driver's library, as a system folder on LD_LIBRARY_PATH holds it.
  const driver = join(home, 'driver');
  mkdirSync(driver);
  writeFileSync(join(driver, 'libcuda.so.1'), '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    HOME: home,
    TSDL_CUDA_LIBS: cuda,
    LD_LIBRARY_PATH: driver,
    JUPYTER_PATH: join(home, 'prefix', 'share', 'jupyter'),
    JUPYTER_DATA_DIR: join(home, 'data'),
    JUPYTER_CONFIG_DIR: join(home, 'config'),
    JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
  };
  return { home, cuda, env };
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], { encoding: 'utf8', env, timeout: 120000 });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

/** `[mark] NAME  detail` as doctor prints it. */
function line(stdout: string, name: string): string {
  return stdout.split('\n').find((l) => l.slice(7).startsWith(`${name} `)) ?? `(no ${name} line)`;
}

describe('tsdl doctor: the CUDA libraries tfjs-node-gpu needs', function () {
  this.timeout(120000);

  it('on a GPU machine missing some, says which are found where and prints the commands that get the rest', () => {
    const { cuda, env } = machine('NVIDIA A10G, 550.54.15, 23028 MiB', ['CUDA runtime', 'cuDNN']);
    const result = run('bin/tsdl.js', ['doctor'], env);
    expect(result.status, result.output).to.equal(0);
    const out = result.stdout;
    expect(line(out, 'GPU')).to.match(/^\[ok {2}\] GPU\s+NVIDIA A10G, 550\.54\.15, 23028 MiB$/);
    expect(line(out, 'NVIDIA driver')).to.match(/^\[ok {2}\] NVIDIA driver\s+libcuda\.so\.1 in .*\/driver \(LD_LIBRARY_PATH\)$/);
    expect(line(out, 'CUDA runtime')).to.equal(`[ok  ] CUDA runtime           libcudart.so.11.0 in ${cuda}/nvidia/cuda_runtime/lib (tsdl's folder)`);
    expect(line(out, 'cuDNN')).to.equal(`[ok  ] cuDNN                  libcudnn.so.8 and 6 more in ${cuda}/nvidia/cudnn/lib (tsdl's folder)`);
    expect(line(out, 'cuBLAS')).to.match(/^\[warn\] cuBLAS\s+missing libcublas\.so\.11, libcublasLt\.so\.11/);
    for (const [name, soname] of [['cuFFT', 'libcufft.so.10'], ['cuRAND', 'libcurand.so.10'], ['cuSOLVER', 'libcusolver.so.11'], ['cuSPARSE', 'libcusparse.so.11']]) {
      expect(line(out, name)).to.match(new RegExp(`^\\[warn\\] ${name}\\s+missing ${soname.replace(/\./g, '\\.')}`));
    }
    expect(out).to.include(`\n  python3 -m pip install --upgrade --target ${cuda} ${WHEELS}\n`);
    expect(out).to.include('\n  npx tsdl install --user ');
    expect(out).not.to.include('Install the NVIDIA driver');
    // The kernelspec Jupyter finds was installed before tsdl's folder existed: doctor says to install it again.
    expect(run('install.js', ['--prefix', join(String(env.HOME), 'prefix')], { ...env, TSDL_CUDA_LIBS: join(cuda, 'absent') }).status).to.equal(0);
    expect(line(run('bin/tsdl.js', ['doctor'], env).stdout, 'kernelspec')).to.match(
      new RegExp(`^\\[warn\\] kernelspec\\s+.* does not put ${cuda}, ${cuda}/nvidia/cuda_runtime/lib, ${cuda}/nvidia/cudnn/lib on LD_LIBRARY_PATH: run \`npx tsdl install --user\` again$`),
    );
  });

  it('with every library in place and the kernelspec pointing at them, reports all ok and prints no commands', () => {
    const { cuda, env } = machine('NVIDIA T4, 535.183.01, 15360 MiB', Object.keys(FOLDERS));
    expect(run('install.js', ['--prefix', join(String(env.HOME), 'prefix')], env).status).to.equal(0);
    const result = run('bin/tsdl.js', ['doctor'], env);
    expect(result.status, result.output).to.equal(0);
    for (const component of GPU_COMPONENTS) expect(line(result.stdout, component.name)).to.match(/^\[ok {2}\] /);
    expect(line(result.stdout, 'cuBLAS')).to.equal(`[ok  ] cuBLAS                 libcublas.so.11, libcublasLt.so.11 in ${cuda}/nvidia/cublas/lib (tsdl's folder)`);
    expect(line(result.stdout, 'kernelspec')).to.match(/^\[ok {2}\] kernelspec\s/);
    expect(result.stdout).not.to.include('pip install');
  });

  it('without a GPU, only notes what is missing: no warnings, no commands', () => {
    const { env } = machine(null, []);
    const result = run('bin/tsdl.js', ['doctor'], env);
    expect(result.status, result.output).to.equal(0);
    expect(line(result.stdout, 'GPU')).to.match(/^\[ -- \] GPU\s+no NVIDIA GPU found/);
    expect(line(result.stdout, 'CUDA runtime')).to.match(/^\[ -- \] CUDA runtime\s+missing libcudart\.so\.11\.0/);
    expect(result.stdout).not.to.match(/^\[warn\] (CUDA|cu)/m);
    expect(result.stdout).not.to.include('pip install');
  });
});

describe("tsdl run: the kernel starts with tsdl's CUDA folders on LD_LIBRARY_PATH", function () {
  this.timeout(120000);

  it('puts them before the inherited value', () => {
    const { home, cuda, env } = machine(null, ['CUDA runtime']);
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ cell_type: 'code', id: 'a1', metadata: {}, execution_count: null, outputs: [], source: 'console.log(process.env.LD_LIBRARY_PATH)' }],
    };
    writeFileSync(join(home, 'env.ipynb'), JSON.stringify(notebook));
    const result = run('bin/tsdl.js', ['run', join(home, 'env.ipynb'), '-o', join(home, 'out.ipynb')], env);
    expect(result.status, result.output).to.equal(0);
    const executed = JSON.parse(readFileSync(join(home, 'out.ipynb'), 'utf8')) as { cells: { outputs: { text: string | string[] }[] }[] };
    expect([executed.cells[0].outputs[0].text].flat().join('')).to.equal(`${cuda}:${cuda}/nvidia/cuda_runtime/lib:${env.LD_LIBRARY_PATH}\n`);
  });
});
