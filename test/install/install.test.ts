// install.js: where the kernelspec goes, with and without `jupyter kernelspec` on PATH, and --uninstall; tsdl's CUDA
// folders (stand-in library files) recorded in the kernelspec's LD_LIBRARY_PATH, and a kernel Jupyter starts seeing them.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

function install(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [join(ROOT, 'install.js'), ...args], { env, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function spec(dir: string): { argv: string[]; display_name: string; language: string; interrupt_mode: string; env?: Record<string, string> } {
  return JSON.parse(readFileSync(join(dir, 'kernel.json'), 'utf8'));
}

/** tsdl's folder as pip --target lays NVIDIA's wheels out, with two stand-in libraries (empty files). */
function cudaFolder(home: string): string {
  const cuda = join(home, 'cuda11');
  for (const [part, soname] of [['cuda_runtime', 'libcudart.so.11.0'], ['cudnn', 'libcudnn.so.8']]) {
    mkdirSync(join(cuda, 'nvidia', part, 'lib'), { recursive: true });
    writeFileSync(join(cuda, 'nvidia', part, 'lib', soname), '');
  }
  return cuda;
}

for (const withJupyter of [true, false]) {
  describe(`install.js ${withJupyter ? 'through jupyter kernelspec' : 'without Jupyter on PATH'}`, function () {
    this.timeout(60000);
    const home = mkdtempSync(join(tmpdir(), 'tsdl-install-'));
    // Without Jupyter: a PATH holding only node's folder, so `jupyter` cannot be found.
    const path = withJupyter ? process.env.PATH : join(process.execPath, '..');
    const env = { ...process.env, PATH: path, HOME: home, JUPYTER_DATA_DIR: join(home, 'data'), JUPYTER_CONFIG_DIR: join(home, 'config') };

    it('installs into --prefix DIR/share/jupyter/kernels/NAME with absolute paths and says where', () => {
      const prefix = join(home, 'prefix');
      const result = install(['--prefix', prefix, '--name', 'tsdl-test', '--display-name', 'TS test'], env);
      expect(result.status, result.output).to.equal(0);
      const dir = join(prefix, 'share', 'jupyter', 'kernels', 'tsdl-test');
      const kernel = spec(dir);
      expect(kernel.argv).to.deep.equal([process.execPath, join(ROOT, 'kernel', 'tsdl-kernel.js'), '{connection_file}']);
      expect(kernel).to.include({ display_name: 'TS test', language: 'typescript', interrupt_mode: 'signal' });
      expect(existsSync(join(dir, 'logo-32x32.png')) && existsSync(join(dir, 'logo-64x64.png'))).to.equal(true);
      expect(result.output).to.include(dir).and.to.include(join(ROOT, 'kernel', 'tsdl-kernel.js'));
    });

    it('installs for the user into JUPYTER_DATA_DIR, and --uninstall removes it', () => {
      const result = install(['--user'], env);
      expect(result.status, result.output).to.equal(0);
      const dir = join(home, 'data', 'kernels', 'tsdl');
      expect(spec(dir).display_name).to.equal('TypeScript (tsdl)');
      const removed = install(['--uninstall'], env);
      expect(removed.status, removed.output).to.equal(0);
      expect(existsSync(dir)).to.equal(false);
    });

    it("records tsdl's CUDA folders in the kernelspec's env, before the LD_LIBRARY_PATH Jupyter has, and nothing without them", () => {
      const cuda = cudaFolder(home);
      const prefix = join(home, 'gpu-prefix');
      const result = install(['--prefix', prefix], { ...env, TSDL_CUDA_LIBS: cuda });
      expect(result.status, result.output).to.equal(0);
      const expected = [cuda, join(cuda, 'nvidia', 'cuda_runtime', 'lib'), join(cuda, 'nvidia', 'cudnn', 'lib'), '${LD_LIBRARY_PATH}'].join(':');
      expect(spec(join(prefix, 'share', 'jupyter', 'kernels', 'tsdl')).env).to.deep.equal({ LD_LIBRARY_PATH: expected, CUDA_MODULE_LOADING: 'LAZY', CUDA_CACHE_MAXSIZE: '4294967296' });
      expect(result.output).to.include(`Its LD_LIBRARY_PATH: ${expected} (tsdl's CUDA libraries for tfjs-node-gpu)`);
      const plain = join(home, 'plain-prefix');
      expect(install(['--prefix', plain], { ...env, TSDL_CUDA_LIBS: join(home, 'absent') }).status).to.equal(0);
      expect(spec(join(plain, 'share', 'jupyter', 'kernels', 'tsdl'))).not.to.have.property('env');
    });

    it('rejects unknown options with the usage', () => {
      const result = install(['--bogus'], env);
      expect(result.status).to.equal(2);
      expect(result.output).to.match(/unknown option --bogus/).and.to.match(/usage:/);
    });
  });
}

describe("install.js: a kernel Jupyter starts has tsdl's CUDA folders on LD_LIBRARY_PATH", function () {
  this.timeout(120000);

  it("with Debian's jupyter_client 7 expanding ${LD_LIBRARY_PATH} to the value Jupyter was started with", () => {
    const home = mkdtempSync(join(tmpdir(), 'tsdl-install-gpu-'));
    const cuda = cudaFolder(home);
    const env = {
      ...process.env,
      HOME: home,
      TSDL_CUDA_LIBS: cuda,
      LD_LIBRARY_PATH: '/opt/inherited/lib',
      JUPYTER_PATH: join(home, 'prefix', 'share', 'jupyter'),
      JUPYTER_DATA_DIR: join(home, 'data'),
      JUPYTER_CONFIG_DIR: join(home, 'config'),
      JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
    };
    expect(install(['--prefix', join(home, 'prefix')], env).status).to.equal(0);
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'tsdl', display_name: 'TypeScript (tsdl)', language: 'typescript' } },
      cells: [{ cell_type: 'code', id: 'a1', metadata: {}, execution_count: null, outputs: [], source: 'console.log(process.env.LD_LIBRARY_PATH)' }],
    };
    writeFileSync(join(home, 'env.ipynb'), JSON.stringify(notebook));
    const result = spawnSync('/usr/bin/jupyter', ['nbconvert', '--to', 'notebook', '--execute', '--output', 'executed.ipynb', join(home, 'env.ipynb')], {
      cwd: home,
      env,
      encoding: 'utf8',
      timeout: 110000,
    });
    expect(result.status, result.stderr).to.equal(0);
    const executed = JSON.parse(readFileSync(join(home, 'executed.ipynb'), 'utf8')) as { cells: { outputs: { text: string | string[] }[] }[] };
    const printed = [executed.cells[0].outputs[0].text].flat().join('');
    expect(printed).to.equal(`${[cuda, join(cuda, 'nvidia', 'cuda_runtime', 'lib'), join(cuda, 'nvidia', 'cudnn', 'lib'), '/opt/inherited/lib'].join(':')}\n`);
  });
});
