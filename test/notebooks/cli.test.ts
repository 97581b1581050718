// `tsdl doctor` and `npm start` (`tsdl start`), each in a throwaway home so the real user's Jupyter is untouched.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { jupyterEnv } from '../helpers/jupyter-env';
import { readNotebook } from './executed';
import { NOTEBOOKS } from './expectations';

const ROOT = join(__dirname, '..', '..');
const TSDL = join(ROOT, 'bin', 'tsdl.js');

function tsdl(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [TSDL, ...args], { encoding: 'utf8', env, timeout: 240000 });
}

describe('tsdl doctor', function () {
  this.timeout(60000);

  it('exits 0 here and reports every backend (chosen or not), Jupyter and where the kernelspec is', () => {
    const env = jupyterEnv();
    const result = tsdl(['doctor'], env);
    expect(result.status, result.stderr).to.equal(0);
    const lines = result.stdout.split('\n');
    for (const id of ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu']) {
      expect(lines.some((l) => new RegExp(`backend ${id}\\s+(CHOSEN|not used): `).test(l)), `a line for ${id}`).to.equal(true);
    }
    expect(lines.filter((l) => /CHOSEN/.test(l)), 'exactly one chosen backend').to.have.length(1);
    // The wasm backend's kernels: the native addon with the BLAS it found (CI installs OpenBLAS) and its threads.
    expect(result.stdout).to.match(/\[ok {2}\] kernels\s+native BLAS \(lib\S+\.so\S*, up to \d+ threads\); \d+ tsdl kernels/);
    expect(result.stdout).to.match(/\[ok {2}\] Jupyter\s+jupyter_client \d/);
    const specDir = join(String(env.JUPYTER_PATH), 'kernels', 'tsdl');
    const kernelspec = lines.find((l) => l.includes('kernelspec'));
    expect(kernelspec).to.match(/^\[ok {2}\] kernelspec\s/).and.to.include(`${specDir} (runs ${join(ROOT, 'kernel', 'tsdl-kernel.js')})`);
    // The language service's startup snapshot, which `npm run build` made for this Node.js, starts.
    expect(lines).to.include(`[ok  ] ${'language service'.padEnd(22)} starts from ${join(ROOT, 'dist', `language-service-${process.version}.blob`)}`);
    expect(result.stdout).to.match(/\[.{4}\] GPU\s/).and.to.match(/\[.{4}\] CUDA runtime\s/).and.to.match(/\[.{4}\] cuDNN\s/);
    expect(result.stdout).to.match(/The kernel can run\.\n$/);
  });

  it('says when the native addon is off', () => {
    const result = tsdl(['doctor'], { ...jupyterEnv(), TSDL_NATIVE: '0' });
    expect(result.status).to.equal(0);
    expect(result.stdout).to.match(/\[ -- \] kernels\s+no native BLAS: TSDL_NATIVE=0; \d+ tsdl kernels/);
  });

  it('says how to register the kernel when Jupyter has no tsdl kernelspec', () => {
    const env = { ...jupyterEnv(), JUPYTER_PATH: mkdtempSync(join(tmpdir(), 'tsdl-empty-')) };
    const result = tsdl(['doctor'], env);
    expect(result.status).to.equal(0);
    expect(result.stdout).to.match(/\[warn\] kernelspec\s+not registered: run `npx tsdl install --user`/);
  });
});

describe('npm start (tsdl start)', function () {
  this.timeout(300000);

  it('registers the kernelspec for the user and writes the executed workflow notebook', () => {
    const home = mkdtempSync(join(tmpdir(), 'tsdl-start-'));
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, JUPYTER_DATA_DIR: join(home, 'jupyter'), JUPYTER_CONFIG_DIR: join(home, 'config') };
    delete env.JUPYTER_PATH;
    const started = Date.now();
    const result = tsdl(['start'], env);
    expect(result.status, result.stderr).to.equal(0);

    const spec = JSON.parse(readFileSync(join(home, 'jupyter', 'kernels', 'tsdl', 'kernel.json'), 'utf8')) as { argv: string[] };
    expect(spec.argv.slice(1)).to.deep.equal([join(ROOT, 'kernel', 'tsdl-kernel.js'), '{connection_file}']);

    const executed = join(ROOT, 'notebooks', 'executed', '03-keras-workflow.ipynb');
    expect(result.stderr).to.include(`Executed notebook written to ${executed}`);
    expect(statSync(executed).mtimeMs, 'written by this run').to.be.at.least(started - 1000);
    NOTEBOOKS.find((n) => n.file === '03-keras-workflow.ipynb')?.check(readNotebook(executed));
  });
});
