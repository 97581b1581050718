// Interrupts the way real clients send them, through jupyter_client itself: KernelManager.interrupt_kernel() signals
// the kernel's whole process group, and interrupt_request goes over control. Each case (idle, a spinning loop, a
// pending await, fit (small batches and long ones), synchronous loops of predict and trainOnBatch, model.save, await
// input(), a cell being compiled, an output flood, a killed helper) must leave every later cell compiling and running
// with every variable intact; code a finished cell left spinning is stopped too (or, inside a timer callback, the
// context restarts and the kernel says so). Against Debian's jupyter_client 7 and the JupyterLab venv's
// jupyter_client 8.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { jupyterEnv } from '../helpers/jupyter-env';
import { JUPYTER_CLIENTS as CLIENTS } from '../helpers/jupyter-venv';

function runCases(python: string, via: 'signal' | 'message') {
  const stderrFile = join(mkdtempSync(join(tmpdir(), 'tsdl-interrupts-')), 'kernel.stderr');
  const result = spawnSync(python, [join(__dirname, 'interrupts.py'), '--via', via, '--stderr', stderrFile], {
    env: jupyterEnv(),
    encoding: 'utf8',
    timeout: 300000,
  });
  return { ...result, output: `${result.stdout}${result.stderr}`, kernelStderr: readFileSync(stderrFile, 'utf8') };
}

for (const client of CLIENTS) {
  for (const via of ['signal', 'message'] as const) {
    describe(`interrupts through ${client.name}, by ${via === 'signal' ? 'interrupt_kernel() (group SIGINT)' : 'interrupt_request'}`, function () {
      this.timeout(320000);

      it('leaves every later cell running with its variables, whatever the cell was doing', () => {
        const run = runCases(client.python(), via);
        expect(run.stdout).to.match(client.version);
        const results = run.stdout.split('\n').filter((line) => /^(ok|FAIL) /.test(line));
        expect(results.filter((line) => line.startsWith('FAIL')), run.output).to.deep.equal([]);
        expect(results, 'every case ran').to.have.length(14);
        expect(run.status, run.output).to.equal(0);
        // A killed helper is brought back and reported once on the kernel's stderr; nothing else is logged.
        expect(run.kernelStderr.match(/compile service stopped/g), run.kernelStderr).to.have.length(1);
        expect(run.kernelStderr).not.to.match(/interrupt: /);
      });
    });
  }
}
