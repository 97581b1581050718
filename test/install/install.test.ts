// install.js: where the kernelspec goes, with and without `jupyter kernelspec` on PATH, and --uninstall.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

function install(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [join(ROOT, 'install.js'), ...args], { env, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function spec(dir: string): { argv: string[]; display_name: string; language: string; interrupt_mode: string } {
  return JSON.parse(readFileSync(join(dir, 'kernel.json'), 'utf8'));
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

    it('rejects unknown options with the usage', () => {
      const result = install(['--bogus'], env);
      expect(result.status).to.equal(2);
      expect(result.output).to.match(/unknown option --bogus/).and.to.match(/usage:/);
    });
  });
}
