// The connection file's key lets whoever reads it run code: a kernel warns once when others can read it, and
// `tsdl run` removes the private folder it wrote one into.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { packageRoot } from '../../src/shared/package-root';
import { resultText, withKernel } from '../helpers/kernel';

const READABLE = /warning: the connection file \S+connection\.json can be read by other users \(mode 0666\)/g;

describe('reliability: private connection files', function () {
  this.timeout(120000);

  it('warns once when others can read the connection file, and runs', async () => {
    await withKernel({ fileMode: 0o666 }, async (kernel) => {
      expect((await kernel.execute('const kept = 41')).reply.content.status).to.equal('ok');
      expect(resultText(await kernel.execute('kept + 1'))).to.equal('42');
      expect(kernel.stderr.match(READABLE)).to.have.length(1);
    });
    await withKernel({}, async (quiet) => {
      expect(resultText(await quiet.execute('1 + 1'))).to.equal('2');
      expect(quiet.stderr).not.to.match(/can be read by other users/);
    });
  });

  it('tsdl run removes the temporary folder of its connection file', () => {
    const temp = mkdtempSync(join(tmpdir(), 'tsdl-run-tmp-'));
    const notebook = join(temp, 'nb.ipynb');
    const cell = "require('fs').readdirSync(process.env.TMPDIR).filter((name: string) => name.startsWith('tsdl-kernel-')).length";
    writeFileSync(notebook, JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ cell_type: 'code', id: 'c1', metadata: {}, source: cell, outputs: [], execution_count: null }],
    }));
    const run = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'tsdl.js'), 'run', notebook, '-o', join(temp, 'out.ipynb')], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: temp },
      timeout: 60000,
    });
    expect(run.status, run.stderr).to.equal(0);
    const executed = JSON.parse(readFileSync(join(temp, 'out.ipynb'), 'utf8')) as { cells: { outputs: { data?: Record<string, string> }[] }[] };
    expect(executed.cells[0].outputs[0].data?.['text/plain'], 'the folder while the kernel ran').to.equal('1');
    expect(readdirSync(temp).filter((name) => name.startsWith('tsdl-kernel-')), 'after the run').to.deep.equal([]);
  });
});
